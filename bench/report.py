#!/usr/bin/env python3
"""Turns a benchmark run (one JSON object a line) into bench/results/<stamp>.json and
docs/benchmarks.md with a PNG chart (gnuplot) beside it. Usage: report.py results.jsonl out.json out.md stamp [hotspots]

A run has one phase per database: the run's own (records without a "database" field, or with the
run's), and in a default run a PostgreSQL phase after it (records with "database":"postgresql").
Every ratio is taken within one phase."""
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile

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

# --- phases: the run's database first, then any other (the PostgreSQL phase of a default run) ---
NOT_MEASURED = ("database", "broker", "server", "phase", "timing")


def db_of(r):
    return r.get("database") or database


phases = [database]
for r in rows:
    if r.get("scenario") not in NOT_MEASURED and db_of(r) not in phases:
        phases.append(db_of(r))
NAMES = {"h2": "H2", "postgresql": "PostgreSQL"}


def name_of(db):
    return NAMES.get(db, db)


class Phase:
    """The records of one database's phase, and lookups in them."""

    def __init__(self, db):
        self.db = db
        self.rows = [r for r in rows if db_of(r) == db and r.get("scenario") not in NOT_MEASURED]
        self.loads = [r for r in self.rows if "rps" in r]
        self.by = {}
        for r in self.loads:
            self.by[(r["scenario"], r["connections"])] = r

    def get(self, name, conns, key):
        r = self.by.get((name, conns))
        return r[key] if r else None

    def first(self, scenario):
        return next((r for r in self.rows if r.get("scenario") == scenario), None)


P = Phase(database)
others = [Phase(db) for db in phases[1:]]
multi = bool(others)
json.dump({"stamp": stamp, "machine": machine, "server": server, "database": database, "broker": broker,
           "phases": phases, "results": rows}, open(out_json, "w"), indent=2)

loads = [r for r in rows if "rps" in r]  # every phase's, for the table and the chart
by = P.by
get = P.get


def n(v):
    return "{:,.0f}".format(v)


def mib(kb):
    return kb // 1024


md = ["# Benchmarks", "",
      "Produced by `bench/run.sh` (see bench/README.md); run `%s`, raw results in "
      "`bench/results/%s.json`. All traffic on 127.0.0.1; the load generator, the origin and Ferry "
      "share the machine's %s cores, so figures are lower than on separate machines. Server: %s. Database: %s. Broker: %s." % (
          stamp, stamp, machine["cores"], "WildFly (the same WAR, `start-wildfly.sh`)" if server == "wildfly" else "Payara Micro",
          "PostgreSQL (`synchronous_commit=on`)" if database == "postgresql" else "H2 (embedded default)"
          + ("; then a PostgreSQL phase (`synchronous_commit=on`, a fresh gateway): see “H2 beside PostgreSQL”" if multi else ""),
          "an external Artemis primary/backup pair (shared store)" if broker == "pair" else "embedded"),
      "",
      "Machine: %(cores)s cores, %(memory)s memory, %(jdk)s, Payara Micro %(payaraMicro)s, Artemis %(artemis)s, "
      "Hibernate %(hibernate)s." % machine, "",
      "## Load runs (1 KiB JSON POST; status lookups GET)", ""]
if multi:
    md += ["| database | scenario | connections | requests/s | p50 ms | p99 ms | p99.9 ms | socket errors | non-2xx |",
           "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
else:
    md += ["| scenario | connections | requests/s | p50 ms | p99 ms | p99.9 ms | socket errors | non-2xx |",
           "|---|---:|---:|---:|---:|---:|---:|---:|"]
for r in loads:
    md.append(("| %s " % name_of(db_of(r)) if multi else "") + "| %s | %d | %.0f | %.2f | %.2f | %.2f | %d | %d |" % (
        r["scenario"], r["connections"], r["rps"], r["p50ms"], r["p99ms"], r["p999ms"], r["socketErrors"], r["non2xx"]))
md.append("")

noop = get("noop", 64, "rps")
acc = get("accept-paused", 64, "rps")
if noop and acc:
    md += ["Intake alone (proxy paused) reached **%.0f** durable accepts/s, **%.0f%%** of the same server's "
           "no-op `POST` (%.0f/s); p99 %.1f ms vs %.1f ms for the no-op." % (
               acc, 100.0 * acc / noop, noop, get("accept-paused", 64, "p99ms"), get("noop", 64, "p99ms")), ""]
offs = [r["rps"] for r in P.loads if r["scenario"] == "accept-tracing-off"]
ons = [r["rps"] for r in P.loads if r["scenario"] == "accept-tracing-on"]
if offs and ons:
    off = sum(offs) / len(offs)
    md += ["## Tracing", "", "Intake (proxy paused, 64 connections) with tracing exported over OTLP/HTTP ran at "
           "**%.0f%%** of the same gateway with tracing off (%.0f/s on; off %s/s before and after, mean %.0f/s)." % (
               100.0 * ons[0] / off, ons[0], " and ".join("%.0f" % o for o in offs), off), ""]
def drain_text(r):
    if "duplicates" not in r:
        return ("At least %(queued)d requests were queued while the proxy was paused (wrk counts the 202s it "
                "saw; requests in flight when it stopped were accepted too), then released: %(unique)d distinct "
                "request ids reached the origin (%(forwarded)d deliveries) in %(ms)d ms, **%(perSecond)d completions/s**." % r)
    text = ("At least %(queued)d requests were queued while the proxy was paused (wrk counts the 202s it saw; "
            "requests in flight when it stopped were accepted too), then released: the origin had seen as many "
            "after %(ms)d ms, **%(perSecond)d completions/s**. Once its log had not grown for 3 s (%(settleMs)d ms "
            "later), one copy of it held %(unique)d distinct request ids in %(forwarded)d deliveries: "
            "**%(duplicates)d forwarded twice or more, %(missing)d missing**." % r)
    if "cpuGatewayS" in r:
        secs = r["ms"] / 1000.0
        text += (" CPU while it drained (%.0f s, 2 cores): the gateway %.0f s (%.2f cores), the database's own "
                 "processes %.0f s (%.2f; H2 is inside the gateway), idle or waiting on I/O %.0f s (%.2f)." % (
                     secs, r["cpuGatewayS"], r["cpuGatewayS"] / secs, r["cpuDatabaseS"], r["cpuDatabaseS"] / secs,
                     r["cpuIdleS"], r["cpuIdleS"] / secs))
    if r.get("rssAfterKb"):
        text += " The gateway's RSS right after: %d MiB" % mib(r["rssAfterKb"])
        text += (" (heap after a full GC %d MiB)." % mib(r["heapAfterGcKb"])) if r.get("heapAfterGcKb") else "."
    return text


# the run's own phase here; another phase's drain is told in "H2 beside PostgreSQL"
for r in rows:
    if db_of(r) != database:
        continue
    if r.get("scenario") == "drain":
        md += ["## Drain", "", drain_text(r), ""]
    if r.get("scenario") == "footprint":
        md += ["## Footprint", "",
               "| ready (Ferry) | ready (bare Payara Micro, same run) | RSS idle | RSS under load (every 10 s) | heap after GC |",
               "|---:|---:|---:|---|---:|",
               "| %.1f s | %.1f s | %d MiB | %s MiB | %d MiB |" % (
                   r["readyMs"] / 1000, r["bareReadyMs"] / 1000, r["rssIdleKb"] // 1024,
                   ", ".join(str(k // 1024) for k in r["rssUnderLoadKb"]), r["heapAfterGcKb"] // 1024), ""]
    if r.get("scenario") == "webhooks":
        md += ["## Webhooks (issue 13)", "",
               "Delivery latency after completion: from the request's end (the payload's `timestamp`) to the "
               "webhook's arrival at a local receiver, %(count)d webhooks of %(accepted)d accepted requests, while 4 "
               "connections of intake ran and forwarding with them: **p50 %(p50Ms)d ms, p99 %(p99Ms)d ms** "
               "(max %(maxMs)d ms)." % r, ""]
    if r.get("scenario") == "jms":
        md += ["## JMS intake (issue 13)", "",
               "%(messages)d persistent messages of %(bodyBytes)d bytes from %(producers)d producer connections to "
               "`ferry.intake` (proxy paused: intake alone): sent in %(sentMs)d ms (%(sentPerSecond)d/s), all accepted "
               "(stored, and acknowledged) after %(acceptedMs)d ms: **%(acceptedPerSecond)d messages/s**; "
               "%(leftOnQueue)d left on the queue." % r, ""]
    if r.get("scenario") == "adaptive":
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
if get("sync-ferry", 4, "p50ms") and get("sync-origin-direct", 4, "p50ms") is not None:
    md += ["## Sync mode", "", "At 4 connections Ferry's sync mode adds **%.2f ms** at p50 over calling the origin "
           "directly (nginx as a reverse proxy adds %.2f ms); at 64 connections it reaches %.0f requests/s." % (
               get("sync-ferry", 4, "p50ms") - get("sync-origin-direct", 4, "p50ms"),
               (get("sync-nginx-proxy", 4, "p50ms") or 0) - get("sync-origin-direct", 4, "p50ms"),
               get("sync-ferry", 64, "rps") or 0), ""]
scale = sorted((r for r in P.loads if r["scenario"].startswith("status-")), key=lambda r: int(r["scenario"][7:]))
purge = P.first("purge")
if scale:
    md += ["## Scale", "", "`GET /requests/{id}` of a random stored request (64 connections, rows loaded with SQL):", "",
           "| stored requests | requests/s | p50 ms | p99 ms |", "|---:|---:|---:|---:|"]
    md += ["| %s | %.0f | %.2f | %.2f |" % ("{:,}".format(int(r["scenario"][7:])), r["rps"], r["p50ms"], r["p99ms"]) for r in scale]
    md.append("")
if purge:
    quiet = next((r for r in P.loads if r["scenario"].endswith("-stored")), None)
    during = by.get(("accept-during-purge", 64))
    if quiet and during:
        md += ["Accept (64 connections, proxy paused) with %s requests stored: p99 %.1f ms; while the purge of all of "
               "them ran: p99 %.1f ms (%.2f×). The purge removed %s rows in the %.0f s from the restart to the end of "
               "that run (%.0f rows/s)." % (
                   "{:,}".format(purge["rows"]), quiet["p99ms"], during["p99ms"], during["p99ms"] / quiet["p99ms"],
                   "{:,}".format(purge["purgedDuringAccept"]), purge["ms"] / 1000.0,
                   purge["purgedDuringAccept"] * 1000.0 / max(purge["ms"], 1)), ""]


# --- the issues' targets, measured value beside each ---------------------------------------------
def target(name, value, goal, met):
    return "| %s | %s | %s | %s |" % (name, value, goal, "met" if met else "**missed**")


def accept_figures(ph):
    """(accept rps, no-op rps, errors, p99 ratio) of a phase's paused accept at 64 connections, or None."""
    a, o = ph.by.get(("accept-paused", 64)), ph.by.get(("noop", 64))
    if not (a and o):
        return None
    return a["rps"], o["rps"], a["socketErrors"] + a["non2xx"], a["p99ms"] / o["p99ms"]


def drain_ratio(ph, d):
    a = ph.get("accept-paused", 64, "rps")
    return d["perSecond"] / a if a else None


t18 = []
f = accept_figures(P)
if f:
    a, o, errors, p99 = f
    t18.append(target("durable accepts, proxy paused, 64 conns, against the no-op `POST`",
                      "%s/s = %.0f%% of %s/s" % (n(a), 100.0 * a / o, n(o)), "≥ 80%", a >= 0.8 * o))
    t18.append(target("… errors (socket + non-2xx)", "%d" % errors, "0", errors == 0))
    t18.append(target("… p99 against the no-op's", "%.1f ms vs %.1f ms (%.2f×)" % (
        get("accept-paused", 64, "p99ms"), get("noop", 64, "p99ms"), p99), "≤ 1.5×", p99 <= 1.5))
drain = P.first("drain")
if drain:
    ratio = drain_ratio(P, drain)
    if ratio is not None:
        t18.append(target("drain of %s queued: completions/s against the paused accept (64 conns)" % n(drain["queued"]),
                          "%s/s ÷ %s/s = %.2f×" % (n(drain["perSecond"]), n(get("accept-paused", 64, "rps")), ratio),
                          "≥ 1.5×", ratio >= 1.5))
    missing = drain.get("missing", max(0, drain["queued"] - drain["unique"]))
    t18.append(target("drain: none missing", "%s distinct of %s queued (%d missing)" % (n(drain["unique"]), n(drain["queued"]), missing),
                      "0 missing", missing == 0))
    if "duplicates" in drain:
        t18.append(target("drain: none forwarded twice", "%d (%s deliveries)" % (drain["duplicates"], n(drain["forwarded"])),
                          "0", drain["duplicates"] == 0))
if get("sync-ferry", 4, "p50ms") and get("sync-origin-direct", 4, "p50ms") is not None:
    added = get("sync-ferry", 4, "p50ms") - get("sync-origin-direct", 4, "p50ms")
    t18.append(target("sync mode, 4 conns: added at p50 over the origin direct", "%.2f ms (%.2f vs %.2f)" % (
        added, get("sync-ferry", 4, "p50ms"), get("sync-origin-direct", 4, "p50ms")), "≤ 3 ms", added <= 3))
if get("sync-ferry", 64, "rps") and noop:
    share = get("sync-ferry", 64, "rps") / noop
    t18.append(target("sync mode, 64 conns, against the no-op ceiling", "%s/s = %.0f%% of %s/s" % (
        n(get("sync-ferry", 64, "rps")), 100 * share, n(noop)), "≥ 60%", share >= 0.6))
foot = P.first("footprint")
if foot:
    ratio = foot["readyMs"] / float(foot["bareReadyMs"])
    t18.append(target("ready against a bare Payara Micro start", "%.1f s vs %.1f s (%.2f×)" % (
        foot["readyMs"] / 1000, foot["bareReadyMs"] / 1000, ratio), "≤ 1.5×", ratio <= 1.5))
memory = []
if foot and foot.get("rssUnderLoadKb"):
    memory.append(("under load, peak", max(foot["rssUnderLoadKb"])))
if drain and drain.get("rssAfterKb"):
    memory.append(("after the drain", drain["rssAfterKb"]))
if memory:
    peak = max(kb for _, kb in memory)
    t18.append(target("resident memory (RSS)", "; ".join("%s %d MiB" % (w, mib(kb)) for w, kb in memory),
                      "≤ 768 MiB", mib(peak) <= 768))
if foot and len(foot.get("rssUnderLoadKb") or []) >= 2:
    samples = foot["rssUnderLoadKb"]
    median = statistics.median(samples)
    drift = (samples[-1] - median) / median
    t18.append(target("… flat over the soak (%d samples, 10 s apart)" % len(samples),
                      "last %d MiB vs median %d MiB (%+.1f%%)" % (mib(samples[-1]), mib(int(median)), 100 * drift),
                      "within 5%", abs(drift) <= 0.05))
for o in others:
    parts = []
    f = accept_figures(o)
    if f:
        parts.append("accept %s/s (%.0f%% of the no-op, p99 %.2f×)" % (n(f[0]), 100.0 * f[0] / f[1], f[3]))
    d = o.first("drain")
    if d:
        ratio = drain_ratio(o, d)
        parts.append("drain %s/s%s, %d missing%s" % (
            n(d["perSecond"]), " (%.2f×)" % ratio if ratio is not None else "",
            d.get("missing", max(0, d["queued"] - d["unique"])),
            ", %d twice" % d["duplicates"] if "duplicates" in d else ""))
    if parts:
        t18.append(target("the same accept and drain on %s" % name_of(o.db), "; ".join(parts),
                          "reported beside %s" % name_of(database), bool(f and d)))
if t18:
    t = ["## Targets (issue 18)", "",
         "Each ratio is between runs of the same phase of this run (%s%s); 2 cores shared by everything." % (
             name_of(database), ", the PostgreSQL rows from the PostgreSQL phase" if multi else ""), "",
         "| target | measured | goal | |", "|---|---|---:|---|"] + t18 + [""]
else:
    t = []

t6 = []
if acc:
    t6.append(target("durable accepts/s, proxy paused, 64 conns", "%.0f" % acc, "≥ 3,000", acc >= 3000))
if get("accept-paused", 4, "p50ms"):
    v = get("accept-paused", 4, "p50ms")
    t6.append(target("accept p50 at 4 connections", "%.1f ms" % v, "≤ 5 ms", v <= 5))
if drain:
    t6.append(target("drain completions/s", "%d" % drain["perSecond"], "≥ 2,500", drain["perSecond"] >= 2500))
if len(scale) >= 2:
    ratio = scale[-1]["p50ms"] / scale[0]["p50ms"]
    t6.append(target("status p50 at %s vs %s rows" % ("{:,}".format(int(scale[-1]["scenario"][7:])), "{:,}".format(int(scale[0]["scenario"][7:]))),
                     "%.2f×" % ratio, "≈ 1× (≤ 1.25×)", ratio <= 1.25))
if purge and by.get(("accept-during-purge", 64)):
    quiet = next((r for r in P.loads if r["scenario"].endswith("-stored")), None)
    if quiet:
        ratio = by[("accept-during-purge", 64)]["p99ms"] / quiet["p99ms"]
        t6.append(target("accept p99 during a purge", "%.2f×" % ratio, "< 2×", ratio < 2))
if t6:
    t += ["## Earlier targets (issue 6)", "", "Those not restated by issue 18.", "",
          "| target | measured | goal | |", "|---|---:|---:|---|"] + t6 + [""]
i = md.index("## Load runs (1 KiB JSON POST; status lookups GET)")
md[i:i] = t


# --- H2 beside PostgreSQL ------------------------------------------------------------------------
def beside(ph):
    """One column of the table: the phase's figures, '-' where it has none."""
    col = {}
    o, a64, a4, fw = (ph.by.get(k) for k in (("noop", 64), ("accept-paused", 64), ("accept-paused", 4), ("accept-forwarding", 64)))
    if o:
        col["noop"] = "%s/s, p99 %.1f ms" % (n(o["rps"]), o["p99ms"])
    if a64:
        col["a64"] = "%s/s%s, p99 %.1f ms%s" % (
            n(a64["rps"]), " (%.0f%% of the no-op)" % (100.0 * a64["rps"] / o["rps"]) if o else "", a64["p99ms"],
            " (%.2f×)" % (a64["p99ms"] / o["p99ms"]) if o else "")
        col["err"] = "%d" % (a64["socketErrors"] + a64["non2xx"])
    if a4:
        col["a4"] = "%s/s, p50 %.1f ms, p99 %.1f ms" % (n(a4["rps"]), a4["p50ms"], a4["p99ms"])
    if fw:
        col["fw"] = "%s/s, p99 %.1f ms" % (n(fw["rps"]), fw["p99ms"])
    d = ph.first("drain")
    if d:
        ratio = drain_ratio(ph, d)
        col["drain"] = "%s/s%s" % (n(d["perSecond"]), " (%.2f× the paused accept)" % ratio if ratio is not None else "")
        col["counted"] = "%s queued, %s distinct, %s deliveries" % (n(d["queued"]), n(d["unique"]), n(d["forwarded"]))
        col["twice"] = "%d" % d["duplicates"] if "duplicates" in d else "-"
        col["missing"] = "%d" % d.get("missing", max(0, d["queued"] - d["unique"]))
        if d.get("rssAfterKb"):
            col["rss"] = "%d MiB" % mib(d["rssAfterKb"])
    ready = ph.first("ready")
    if ready:
        col["ready"] = "%.1f s" % (ready["ms"] / 1000)
    return col


if others:
    cols = [beside(P)] + [beside(o) for o in others]
    what = [("noop", "no-op `POST`, 64 conns"), ("a64", "accept, proxy paused, 64 conns"), ("err", "… errors"),
            ("a4", "accept, proxy paused, 4 conns"), ("fw", "accept while forwarding, 64 conns"),
            ("drain", "drain: completions/s"), ("counted", "drain: counted once the origin was quiet"),
            ("twice", "drain: forwarded twice or more"), ("missing", "drain: missing"),
            ("rss", "RSS after the drain"), ("ready", "gateway ready (fresh start)")]
    order = [r["name"] for o in others for r in rows if r.get("scenario") == "timing" and db_of(r) == o.db
             and r["name"] not in ("postgresql-start", "total")]
    md += ["## %s beside %s" % (name_of(database), " and ".join(name_of(o.db) for o in others)), "",
           "After the %s scenarios the gateway was stopped and a fresh one (its own data directory, the same broker "
           "mode and server) started on PostgreSQL (`server-config/postgresql/pg.sh`, a server of the run's own, "
           "`synchronous_commit=on`)%s. Each column's ratios are its own phase's." % (
               name_of(database), ", which ran %s" % ", then ".join("`%s`" % s for s in order) if order else ""), "",
           "| | " + " | ".join(name_of(ph.db) for ph in [P] + others) + " |",
           "|---|" + "---:|" * (1 + len(others))]
    for key, title in what:
        if any(key in c for c in cols):
            md.append("| %s | %s |" % (title, " | ".join(c.get(key, "-") for c in cols)))
    md.append("")
    for o in others:
        d = o.first("drain")
        if d:
            md += ["Drain on %s: %s" % (name_of(o.db), drain_text(d)), ""]

# --- native memory (BENCH_NMT=1) -----------------------------------------------------------------
nmts = [r for r in rows if r.get("scenario") == "nmt"]
if nmts:
    cats = ["Java Heap", "Class", "Thread", "Code", "GC", "Compiler", "Internal", "Other", "Symbol", "Arena Chunk",
            "Shared class space", "Metaspace"]
    seen = [c for c in cats if any(c in r["committedKb"] for r in nmts)]
    md += ["## Native memory (`BENCH_NMT=1`)", "",
           "The JVM's own accounting (`-XX:NativeMemoryTracking=summary`, committed MiB by category) beside the "
           "process's resident memory at the same moment. Committed is not resident: untouched committed pages "
           "(a heap not yet used, thread stacks) cost no RSS, and memory outside the JVM's accounting (glibc "
           "arenas of native libraries) shows only in RSS.", "",
           "| database | when | RSS | committed (NMT total) | " + " | ".join(seen) + " |",
           "|---|---|---:|---:|" + "---:|" * len(seen)]
    for r in nmts:
        md.append("| %s | %s | %d | %d | %s |" % (name_of(db_of(r)), r["name"], mib(r["rssKb"]),
                                                 mib(r.get("totalCommittedKb", 0)),
                                                 " | ".join(str(mib(r["committedKb"].get(c, 0))) for c in seen)))
    md.append("")

# --- run time ------------------------------------------------------------------------------------
timings = [r for r in rows if r.get("scenario") == "timing"]
if timings:
    def mmss(s):
        return "%d:%02d" % (s // 60, s % 60)
    md += ["## Run time", "", "Wall time of each step of this run (`bench/run.sh`; setup: tools, build, origin, the first start).", "",
           "| database | step | wall time |", "|---|---|---:|"]
    md += ["| %s | %s | %s |" % (name_of(db_of(r)), r["name"], mmss(r["seconds"])) for r in timings if r["name"] != "total"]
    total = next((r for r in timings if r["name"] == "total"), None)
    if total:
        md.append("| | **total** | **%s** |" % mmss(total["seconds"]))
    md.append("")

if hotspots:
    md += ["## Hot spots (JFR execution samples, top frames)", "", "```", open(hotspots).read().strip(), "```", ""]

# --- chart: requests/s per load run, on a log scale with each bar's value written on it ----------
COLOURS = [0x4477aa, 0xee7733, 0x228833, 0xaa3377]
SHORT = {"h2": "H2", "postgresql": "PG"}
if loads:
    fd, data = tempfile.mkstemp(suffix=".dat")
    with os.fdopen(fd, "w") as out:
        for i, r in enumerate(loads):
            ph = phases.index(db_of(r))
            out.write('%d "%s c%d%s" %.1f %d "%s"\n' % (
                i, r["scenario"], r["connections"], " (%s)" % SHORT.get(db_of(r), db_of(r)) if ph else "", r["rps"],
                COLOURS[ph % len(COLOURS)], n(r["rps"])))
    lo = 10 ** math.floor(math.log10(max(1.0, min(r["rps"] for r in loads) / 2)))
    hi = max(r["rps"] for r in loads) * 2.5
    png = os.path.join(os.path.dirname(out_md) or ".", "benchmarks-%s.png" % stamp)
    keys = "".join(", NaN with boxes lc rgb '#%06x' title '%s'" % (COLOURS[k % len(COLOURS)], name_of(db))
                   for k, db in enumerate(phases)) if multi else ""
    subprocess.run(["gnuplot", "-e",
                    "set terminal pngcairo size %d,620 font 'DejaVu Sans,9'; set output '%s'; set style fill solid 0.85; "
                    "set boxwidth 0.7; set title 'requests/s per load run (log scale; the value on each bar)'; "
                    "set ylabel 'requests/s'; set logscale y; set yrange [%g:%g]; set format y '%%.0s%%c'; "
                    "set xtics rotate by -40 nomirror; set xrange [-0.7:%f]; set grid ytics mytics; set mytics 10; "
                    "set bmargin 11; set rmargin 16; %s; "
                    "plot '%s' using 1:3:4:xtic(2) with boxes lc rgb variable notitle, "
                    "'' using 1:3:5 with labels offset 0,0.7 font 'DejaVu Sans,8' notitle%s" % (
                        max(1000, 60 * len(loads) + 200), png, lo, hi, len(loads) - 0.3,
                        "set key top right" if multi else "unset key", data, keys)], check=False)
    os.unlink(data)
    md += ["![requests per second by scenario, log scale](%s)" % os.path.basename(png), ""]
# What the numbers mean and what bounds them: written by hand after a run (bench/analysis.md).
if os.path.exists("bench/analysis.md"):
    md += [open("bench/analysis.md").read().strip(), ""]
open(out_md, "w").write("\n".join(md))
