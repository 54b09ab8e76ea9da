#!/usr/bin/env python3
"""Turns a benchmark run (one JSON object a line) into bench/results/<stamp>.json and
docs/benchmarks.md with a PNG chart (gnuplot). Usage: report.py results.jsonl out.json out.md stamp [hotspots]"""
import json
import os
import platform
import subprocess
import sys

lines, out_json, out_md, stamp = sys.argv[1:5]
hotspots = sys.argv[5] if len(sys.argv) > 5 and os.path.exists(sys.argv[5]) else None
rows = [json.loads(l) for l in open(lines) if l.strip()]


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip() + \
            subprocess.run(cmd, shell=True, capture_output=True, text=True).stderr.strip()
    except Exception as e:  # noqa: BLE001 - a report must not fail on a missing tool
        return str(e)


def pom(prop):
    for line in open("pom.xml"):
        if "<%s>" % prop in line:
            return line.split(">")[1].split("<")[0]
    return "?"


machine = {
    "cores": os.cpu_count(),
    "memory": sh("free -h | awk '/Mem:/{print $2}'"),
    "kernel": platform.release(),
    "jdk": sh("java -version 2>&1 | head -1"),
    "payaraMicro": pom("payara.version"),
    "artemis": pom("artemis.version"),
    "hibernate": pom("hibernate.version"),
    "wrk": sh("wrk -v 2>&1 | head -1"),
    "nginx": sh("nginx -v 2>&1"),
}
json.dump({"stamp": stamp, "machine": machine, "results": rows}, open(out_json, "w"), indent=2)

loads = [r for r in rows if "rps" in r]
by = {}
for r in loads:
    by[(r["scenario"], r["connections"])] = r


def get(name, conns, key):
    r = by.get((name, conns))
    return r[key] if r else None


md = ["# Benchmarks", "",
      "Produced by `bench/run.sh` (see bench/README.md); run `%s`, raw results in "
      "`bench/results/%s.json`. All traffic on 127.0.0.1; the load generator, the origin and Ferry "
      "share the machine's %s cores, so figures are lower than on separate machines." % (stamp, stamp, machine["cores"]),
      "",
      "Machine: %(cores)s cores, %(memory)s memory, %(jdk)s, Payara Micro %(payaraMicro)s, Artemis %(artemis)s, "
      "Hibernate %(hibernate)s." % machine, "",
      "## Load runs (1 KiB JSON POST)", "",
      "| scenario | connections | requests/s | p50 ms | p99 ms | p99.9 ms | socket errors | non-2xx |",
      "|---|---:|---:|---:|---:|---:|---:|---:|"]
for r in loads:
    md.append("| %s | %d | %.0f | %.2f | %.2f | %.2f | %d | %d |" % (
        r["scenario"], r["connections"], r["rps"], r["p50ms"], r["p99ms"], r["p999ms"], r["socketErrors"], r["non2xx"]))
md.append("")

noop = get("noop", 64, "rps")
acc = get("accept-paused", 64, "rps")
if noop and acc:
    md += ["Intake alone (proxy paused) reached **%.0f** durable accepts/s, **%.0f%%** of the same server's "
           "no-op `POST` (%.0f/s); p99 %.1f ms vs %.1f ms for the no-op." % (
               acc, 100.0 * acc / noop, noop, get("accept-paused", 64, "p99ms"), get("noop", 64, "p99ms")), ""]
for r in rows:
    if r["scenario"] == "drain":
        md += ["## Drain", "", "At least %(queued)d requests were queued while the proxy was paused (wrk counts the 202s it "
               "saw; requests in flight when it stopped were accepted too), then released: %(unique)d distinct "
               "request ids reached the origin (%(forwarded)d deliveries) in %(ms)d ms, **%(perSecond)d completions/s**." % r, ""]
    if r["scenario"] == "footprint":
        md += ["## Footprint", "",
               "| ready (Ferry) | ready (bare Payara Micro, same run) | RSS idle | RSS under load (every 10 s) | heap after GC |",
               "|---:|---:|---:|---|---:|",
               "| %.1f s | %.1f s | %d MiB | %s MiB | %d MiB |" % (
                   r["readyMs"] / 1000, r["bareReadyMs"] / 1000, r["rssIdleKb"] // 1024,
                   ", ".join(str(k // 1024) for k in r["rssUnderLoadKb"]), r["heapAfterGcKb"] // 1024), ""]
if get("sync-ferry", 4, "p50ms"):
    md += ["## Sync mode", "", "At 4 connections Ferry's sync mode adds **%.2f ms** at p50 over calling the origin "
           "directly (nginx as a reverse proxy adds %.2f ms); at 64 connections it reaches %.0f requests/s." % (
               get("sync-ferry", 4, "p50ms") - get("sync-origin-direct", 4, "p50ms"),
               get("sync-nginx-proxy", 4, "p50ms") - get("sync-origin-direct", 4, "p50ms"),
               get("sync-ferry", 64, "rps") or 0), ""]
if hotspots:
    md += ["## Hot spots (JFR execution samples, top frames)", "", "```", open(hotspots).read().strip(), "```", ""]

# chart: requests/s per load run
data = os.path.join(os.path.dirname(lines), "chart.dat")
with open(data, "w") as f:
    for i, r in enumerate(loads):
        f.write('%d "%s c%d" %.1f\n' % (i, r["scenario"], r["connections"], r["rps"]))
png = "docs/benchmarks-%s.png" % stamp
subprocess.run(["gnuplot", "-e",
                "set terminal png size 1000,500; set output '%s'; set style fill solid; set boxwidth 0.6; "
                "set ylabel 'requests/s'; set xtics rotate by -30; set grid ytics; unset key; "
                "plot '%s' using 1:3:xtic(2) with boxes" % (png, data)], check=False)
md += ["![requests per second by scenario](%s)" % os.path.basename(png), ""]
open(out_md, "w").write("\n".join(md))
