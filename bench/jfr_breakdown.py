#!/usr/bin/env python3
"""Where a JFR recording's CPU samples went, for bench/analysis.md: each jdk.ExecutionSample is
counted once under the first step of Ferry's own path its stack passes through (claim, send,
outcome, intake commit, ...), and once under the library its topmost frame belongs to (H2,
Hibernate, Artemis, ...). Usage:

    bench/jfr_breakdown.py RECORDING.jfr [HH:MM:SS HH:MM:SS]

The optional window (UTC wall clock, as the load records' startedAt) keeps only the samples
taken between the two times, e.g. one scenario of a --profile run.
"""
import collections
import re
import subprocess
import sys

# The first step (in this order) that any frame of the stack belongs to: the step of Ferry's path.
STEPS = [
    ("claim", "ferry.forwarding.attempts.AttemptClaims."),
    ("outcome", "ferry.forwarding.attempts.AttemptRecorder."),
    ("hold", "ferry.forwarding.attempts.AttemptHolds."),
    ("send to the target", "ferry.forwarding.target.TargetClient."),
    ("requeue on resume", "ferry.requests.dispatch.DispatchBatches.requeueWaitingAfter"),
    ("announce (queue messages)", "ferry.requests.dispatch.Announcer."),
    ("intake group commit", "ferry.intake.control.GroupCommit."),
    ("recovery sweep", "ferry.forwarding.attempts.Recovery"),
    ("held call-back", "ferry.forwarding.boundary.HeldCallBackTimer"),
    ("webhooks", "ferry.callbacks."),
    ("results", "ferry.requests.results."),
    ("queue listener", "ferry.forwarding.boundary.ForwardingListener."),
    ("intake request", "ferry.intake.boundary."),
    ("other Ferry", "ferry."),
]
# Topmost frame's package: where the CPU was spent.
LIBRARIES = [
    ("H2", "org.h2."),
    ("Hibernate", "org.hibernate."),
    ("Artemis", "org.apache.activemq."),
    ("Netty", "io.netty."),
    ("HTTP client (httpclient5)", "org.apache.hc."),
    ("Grizzly (HTTP server)", "org.glassfish.grizzly."),
    ("Jersey (JAX-RS)", "org.glassfish.jersey."),
    ("Weld (CDI)", "org.jboss.weld."),
    ("Payara/GlassFish", ("com.sun.enterprise.", "com.sun.ejb.", "org.glassfish.", "fish.payara.", "com.sun.gjc.")),
    ("JSON (Yasson/Parsson)", ("org.eclipse.yasson.", "org.eclipse.parsson.", "org.glassfish.json.")),
    ("Micrometer/OTel", ("io.micrometer.", "io.opentelemetry.", "io.prometheus.")),
    ("Ferry", "ferry."),
    ("JDK", ("java.", "javax.", "jdk.", "sun.", "com.sun.")),
]


def classify(frame, table):
    """The name of the first entry whose prefix (or one of whose prefixes) the frame starts with."""
    for name, prefix in table:
        if frame.startswith(prefix):
            return name
    return None


def main():
    recording = sys.argv[1]
    window = sys.argv[2:4] if len(sys.argv) >= 4 else None
    text = subprocess.run(["jfr", "print", "--stack-depth", "200", "--events", "jdk.ExecutionSample", recording],
                          capture_output=True, text=True, check=True).stdout
    steps, libraries, threads = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for event in text.split("jdk.ExecutionSample {")[1:]:
        start = re.search(r"startTime = (\d\d:\d\d:\d\d)", event)
        if window and start and not (window[0] <= start.group(1) <= window[1]):
            continue
        thread = re.search(r'sampledThread = "([^"]*)"', event)
        frames = [line.strip().split("(")[0] for line in event.split("stackTrace = [", 1)[-1].splitlines()[1:]
                  if line.strip() and not line.strip().startswith(("]", "...", "}"))]
        if not frames:
            continue
        total += 1
        steps[next((name for name, prefix in STEPS if any(f.startswith(prefix) for f in frames)),
                   "outside Ferry's code")] += 1
        libraries[classify(frames[0], LIBRARIES) or frames[0].rsplit(".", 2)[0]] += 1
        threads[re.sub(r"\(\d+\)|[-#]?\d+$", "", thread.group(1)) if thread else "?"] += 1
    print("%d samples%s" % (total, " between %s and %s" % tuple(window) if window else ""))
    for title, counter in (("step of Ferry's path (outermost)", steps), ("library of the topmost frame", libraries),
                           ("thread (numbers stripped)", threads)):
        print("\n| %s | samples | share |\n|---|---:|---:|" % title)
        for name, n in counter.most_common(15):
            print("| %s | %d | %.1f%% |" % (name, n, 100.0 * n / max(total, 1)))


if __name__ == "__main__":
    main()
