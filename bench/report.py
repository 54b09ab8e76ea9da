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
database = next((r["name"] for r in rows if r.get("scenario") == "database"), "h2")
broker = next((r["name"] for r in rows if r.get("scenario") == "broker"), "embedded")
server = next((r["name"] for r in rows if r.get("scenario") == "server"), "payara")
json.dump({"stamp": stamp, "machine": machine, "server": server, "database": database, "broker": broker, "results": rows},
          open(out_json, "w"), indent=2)

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
      "share the machine's %s cores, so figures are lower than on separate machines. Server: %s. Database: %s. Broker: %s." % (
          stamp, stamp, machine["cores"], "WildFly (the same WAR, `start-wildfly.sh`)" if server == "wildfly" else "Payara Micro", "PostgreSQL (`synchronous_commit=on`)" if database == "postgresql" else "H2 (embedded default)",
          "an external Artemis primary/backup pair (shared store)" if broker == "pair" else "embedded"),
      "",
      "Machine: %(cores)s cores, %(memory)s memory, %(jdk)s, Payara Micro %(payaraMicro)s, Artemis %(artemis)s, "
      "Hibernate %(hibernate)s." % machine, "",
      "## Load runs (1 KiB JSON POST; status lookups GET)", "",
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
offs = [r["rps"] for r in loads if r["scenario"] == "accept-tracing-off"]
ons = [r["rps"] for r in loads if r["scenario"] == "accept-tracing-on"]
if offs and ons:
    off = sum(offs) / len(offs)
    md += ["## Tracing", "", "Intake (proxy paused, 64 connections) with tracing exported over OTLP/HTTP ran at "
           "**%.0f%%** of the same gateway with tracing off (%.0f/s on; off %s/s before and after, mean %.0f/s)." % (
               100.0 * ons[0] / off, ons[0], " and ".join("%.0f" % o for o in offs), off), ""]
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
    if r["scenario"] == "webhooks":
        md += ["## Webhooks (issue 13)", "",
               "Delivery latency after completion: from the request's end (the payload's `timestamp`) to the "
               "webhook's arrival at a local receiver, %(count)d webhooks of %(accepted)d accepted requests, while 4 "
               "connections of intake ran and forwarding with them: **p50 %(p50Ms)d ms, p99 %(p99Ms)d ms** "
               "(max %(maxMs)d ms)." % r, ""]
    if r["scenario"] == "jms":
        md += ["## JMS intake (issue 13)", "",
               "%(messages)d persistent messages of %(bodyBytes)d bytes from %(producers)d producer connections to "
               "`ferry.intake` (proxy paused: intake alone): sent in %(sentMs)d ms (%(sentPerSecond)d/s), all accepted "
               "(stored, and acknowledged) after %(acceptedMs)d ms: **%(acceptedPerSecond)d messages/s**; "
               "%(leftOnQueue)d left on the queue." % r, ""]
    if r["scenario"] == "adaptive":
        md += ["## Adaptive forwarding (issue 14)", "",
               "An origin of capacity 40, then 10, then 40 (`503` beyond it, 200 ms a request), a backlog always "
               "waiting; the same run with `adaptive: true` and `adaptive: false` (bench/AdaptiveRun.java).", "",
               "| mode | capacity | within 25% (for 5 s) after | time in that band after | refused after settling | goodput of capacity | goodput after settling | mean limit |",
               "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for mode in ("adaptive", "fixed"):
            for p in r[mode]["phases"]:
                md.append("| %s | %d | %s | %s | %s | %.0f%% | %s | %.1f |" % (
                    mode, p["capacity"], "never" if p["settleSeconds"] is None else "%.1f s" % p["settleSeconds"],
                    "-" if p["inBandAfterSettling"] is None else "%.0f%%" % (100 * p["inBandAfterSettling"]),
                    "-" if p["refusedAfterSettling"] is None else "%.2f%%" % (100 * p["refusedAfterSettling"]),
                    100 * p["goodput"], "-" if p.get("goodputAfterSettling") is None else "%.0f%%" % (100 * p["goodputAfterSettling"]),
                    p["meanLimit"]))
        md += ["", "30 s outage, 40 requests waiting: " + "; ".join(
            "%s: %d attempts in the first 5 s, %.2f/s after (at most %d in one second), all done %s s after it ended" % (
                mode, r[mode]["outage"]["attemptsFirst5s"], r[mode]["outage"]["perSecondLast25s"],
                r[mode]["outage"]["mostInOneSecondLast25s"], r[mode]["outage"]["completedAfterUpSeconds"])
            for mode in ("adaptive", "fixed")) + ".", "", "![limit, in flight and refusals over time](%s)" % r["chart"], ""]
if not by.get(("sync-origin-direct", 64)) and by.get(("origin-direct", 64)):
    by[("sync-origin-direct", 64)] = by[("origin-direct", 64)]
if get("sync-ferry", 4, "p50ms"):
    md += ["## Sync mode", "", "At 4 connections Ferry's sync mode adds **%.2f ms** at p50 over calling the origin "
           "directly (nginx as a reverse proxy adds %.2f ms); at 64 connections it reaches %.0f requests/s." % (
               get("sync-ferry", 4, "p50ms") - get("sync-origin-direct", 4, "p50ms"),
               get("sync-nginx-proxy", 4, "p50ms") - get("sync-origin-direct", 4, "p50ms"),
               get("sync-ferry", 64, "rps") or 0), ""]
scale = sorted((r for r in loads if r["scenario"].startswith("status-")), key=lambda r: int(r["scenario"][7:]))
purge = next((r for r in rows if r["scenario"] == "purge"), None)
if scale:
    md += ["## Scale", "", "`GET /requests/{id}` of a random stored request (64 connections, rows loaded with SQL):", "",
           "| stored requests | requests/s | p50 ms | p99 ms |", "|---:|---:|---:|---:|"]
    md += ["| %s | %.0f | %.2f | %.2f |" % ("{:,}".format(int(r["scenario"][7:])), r["rps"], r["p50ms"], r["p99ms"]) for r in scale]
    md.append("")
if purge:
    quiet = next((r for r in loads if r["scenario"].endswith("-stored")), None)
    during = by.get(("accept-during-purge", 64))
    if quiet and during:
        md += ["Accept (64 connections, proxy paused) with %s requests stored: p99 %.1f ms; while the purge of all of "
               "them ran: p99 %.1f ms (%.2f×). The purge removed %s rows in the %.0f s from the restart to the end of "
               "that run (%.0f rows/s)." % (
                   "{:,}".format(purge["rows"]), quiet["p99ms"], during["p99ms"], during["p99ms"] / quiet["p99ms"],
                   "{:,}".format(purge["purgedDuringAccept"]), purge["ms"] / 1000.0,
                   purge["purgedDuringAccept"] * 1000.0 / max(purge["ms"], 1)), ""]

# the targets, measured value beside each
def target(name, value, goal, met):
    return "| %s | %s | %s | %s |" % (name, value, goal, "met" if met else "**missed**")


t = ["## Targets (issue 6)", "", "| target | measured | goal | |", "|---|---:|---:|---|"]
if noop and acc:
    t.append(target("durable accepts/s, proxy paused, 64 conns", "%.0f" % acc, "≥ 3,000", acc >= 3000))
    t.append(target("… as a share of the no-op ceiling", "%.0f%%" % (100.0 * acc / noop), "≥ 80%", acc >= 0.8 * noop))
    na = get("accept-paused", 64, "non2xx") + get("accept-paused", 64, "socketErrors")
    t.append(target("… errors", "%d" % na, "0", na == 0))
    ratio = get("accept-paused", 64, "p99ms") / get("noop", 64, "p99ms")
    t.append(target("… p99 vs the no-op's p99", "%.2f×" % ratio, "≤ 1.5×", ratio <= 1.5))
if get("accept-paused", 4, "p50ms"):
    v = get("accept-paused", 4, "p50ms")
    t.append(target("accept p50 at 4 connections", "%.1f ms" % v, "≤ 5 ms", v <= 5))
for r in rows:
    if r["scenario"] == "drain":
        t.append(target("drain completions/s", "%d" % r["perSecond"], "≥ 2,500", r["perSecond"] >= 2500))
        t.append(target("drain: none missing", "%d of %d" % (r["unique"], r["queued"]), "all", r["unique"] >= r["queued"]))
    if r["scenario"] == "footprint":
        ratio = r["readyMs"] / float(r["bareReadyMs"])
        t.append(target("ready vs bare Payara Micro", "%.1f s vs %.1f s (%.2f×)" % (r["readyMs"] / 1000, r["bareReadyMs"] / 1000, ratio),
                        "≤ 1.5×", ratio <= 1.5))
        peak = max(r["rssUnderLoadKb"] or [0]) // 1024
        t.append(target("RSS under load", "%d MiB peak" % peak, "≤ 768 MiB", peak <= 768))
if get("sync-ferry", 4, "p50ms"):
    added = get("sync-ferry", 4, "p50ms") - get("sync-origin-direct", 4, "p50ms")
    t.append(target("sync p50 added at 4 conns", "%.2f ms" % added, "≤ 3 ms", added <= 3))
    if noop:
        share = get("sync-ferry", 64, "rps") / noop
        t.append(target("sync at 64 conns vs no-op ceiling", "%.0f%%" % (100 * share), "≥ 60%", share >= 0.6))
if len(scale) >= 2:
    ratio = scale[-1]["p50ms"] / scale[0]["p50ms"]
    t.append(target("status p50 at %s vs %s rows" % ("{:,}".format(int(scale[-1]["scenario"][7:])), "{:,}".format(int(scale[0]["scenario"][7:]))),
                    "%.2f×" % ratio, "≈ 1× (≤ 1.25×)", ratio <= 1.25))
if purge and by.get(("accept-during-purge", 64)):
    quiet = next((r for r in loads if r["scenario"].endswith("-stored")), None)
    if quiet:
        ratio = by[("accept-during-purge", 64)]["p99ms"] / quiet["p99ms"]
        t.append(target("accept p99 during a purge", "%.2f×" % ratio, "< 2×", ratio < 2))
i = md.index("## Load runs (1 KiB JSON POST; status lookups GET)")
md[i:i] = t + [""]

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
                "set ylabel 'requests/s (log scale)'; set logscale y; set yrange [10:*]; set xtics rotate by -30; "
                "set grid ytics; unset key; set bmargin 8; "
                "plot '%s' using 1:3:xtic(2) with boxes" % (png, data)], check=False)
md += ["![requests per second by scenario](%s)" % os.path.basename(png), ""]
# What the numbers mean and what bounds them: written by hand after a run (bench/analysis.md).
if os.path.exists("bench/analysis.md"):
    md += [open("bench/analysis.md").read().strip(), ""]
open(out_md, "w").write("\n".join(md))
