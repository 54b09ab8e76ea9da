#!/usr/bin/env bash
# Ferry's benchmark (bench/README.md): starts a fast local origin (nginx) and Ferry from the
# build on the embedded defaults with a fresh data directory, runs the scenarios side by side,
# stops everything it started, and writes bench/results/<timestamp>.json and docs/benchmarks.md.
# All traffic stays on 127.0.0.1.
#
#   bench/run.sh [--profile] [scenario ...]     scenarios: accept drain sync footprint scale webhooks jms adaptive tracing (default: all)
#   BENCH_DB=postgresql bench/run.sh accept drain   the same on PostgreSQL (server-config/postgresql/pg.sh,
#                                                   a fresh server of its own; scale and purge need H2)
#   BENCH_DB=postgresql BENCH_BROKER=pair bench/run.sh accept drain
#                                                   the production shape: PostgreSQL and the external
#                                                   Artemis primary/backup (server-config/artemis/broker.sh)
#   BENCH_SERVER=wildfly bench/run.sh accept        the same WAR on WildFly (server-config/wildfly; start-wildfly.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

PROFILE=false
SCENARIOS=()
for arg in "$@"; do
    case "$arg" in
        --profile) PROFILE=true ;;
        *) SCENARIOS+=("$arg") ;;
    esac
done
[ ${#SCENARIOS[@]} -eq 0 ] && SCENARIOS=(accept drain sync footprint scale webhooks jms adaptive tracing)

DURATION=${BENCH_DURATION:-30}         # seconds per load run
DRAIN_COUNT=${BENCH_DRAIN:-100000}     # requests queued for the drain scenario...
DRAIN_FILL=${BENCH_DRAIN_FILL:-120}    # ...or as many as intake takes in this many seconds
SOAK=${BENCH_SOAK:-300}                # seconds of moderate load for the footprint scenario
SCALE_SMALL=${BENCH_SCALE_SMALL:-10000}    # stored requests for the first status-lookup run...
SCALE_LARGE=${BENCH_SCALE_LARGE:-1000000}  # ...and for the second; all of them are then purged
JMS_COUNT=${BENCH_JMS:-20000}          # messages for the jms scenario
JMS_PRODUCERS=${BENCH_JMS_PRODUCERS:-32}
HOOK_PORT=18090                        # the webhooks scenario's receiver
ADAPTIVE_PORT=18091                    # the adaptive scenario's origin
ADAPTIVE_PHASE=${BENCH_ADAPTIVE_PHASE:-30}      # seconds at each capacity (40, 10, 40)
ADAPTIVE_BACKLOG=${BENCH_ADAPTIVE_BACKLOG:-20000} # requests queued before each run
DB=${BENCH_DB:-h2}                     # h2 (the embedded default) or postgresql
case "$DB" in h2|postgresql) ;; *) echo "BENCH_DB must be h2 or postgresql"; exit 2 ;; esac
DB_PORT=18432
BROKER=${BENCH_BROKER:-embedded}       # embedded, or pair (the external primary/backup)
case "$BROKER" in embedded|pair) ;; *) echo "BENCH_BROKER must be embedded or pair"; exit 2 ;; esac
BROKER_PORTS="18617 18618"
SERVER=${BENCH_SERVER:-payara}         # payara (Payara Micro) or wildfly (the same WAR on WildFly)
case "$SERVER" in payara|wildfly) ;; *) echo "BENCH_SERVER must be payara or wildfly"; exit 2 ;; esac
MANAGEMENT_PORT=18990                  # WildFly's management interface
JMS_USER=bench-producer
JMS_PASSWORD=bench-producer-password
FERRY_PORT=18088
TOKEN=bench-admin-token
CLIENT=bench-client-token
WORK=$ROOT/bench/work
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=$WORK/results.jsonl

# --- tools, from Debian's packages -------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx-light)
command -v gnuplot >/dev/null || missing+=(gnuplot-nox)
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${missing[@]}"
fi

# --- build -------------------------------------------------------------------------------------
mvn -q -B -ntp -DskipTests package
LAUNCHER=start.sh
HEAP=-Xmx512m                          # each launcher's default heap (start-wildfly.sh says why WildFly's is larger)
if [ "$SERVER" = wildfly ]; then
    bash server-config/wildfly/wildfly.sh install
    LAUNCHER=start-wildfly.sh
    HEAP=-Xmx640m
fi
# the Artemis client for the jms scenario's producers
mvn -q -B -ntp dependency:build-classpath -Dmdep.outputFile=target/jms-classpath.txt -Dmdep.includeScope=provided

rm -rf "$WORK" && mkdir -p "$WORK/nginx" bench/results
: > "$RESULTS"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -f "$WORK/nginx/nginx.pid" ] && kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true
    if [ "$BROKER" = pair ]; then
        bash server-config/artemis/broker.sh stop "$WORK/broker-backup" || true
        bash server-config/artemis/broker.sh stop "$WORK/broker-primary" || true
    fi
    [ "$DB" = postgresql ] && bash server-config/postgresql/pg.sh stop "$WORK/postgresql" || true
    wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

record() { echo "$1" >> "$RESULTS"; }
now_ms() { date +%s%3N; }

# --- origin ------------------------------------------------------------------------------------
cp bench/nginx.conf "$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon on;'

# --- database ----------------------------------------------------------------------------------
DB_URL=""
if [ "$DB" = postgresql ]; then
    bash server-config/postgresql/pg.sh start "$WORK/postgresql" "$DB_PORT"
    DB_URL=jdbc:postgresql://127.0.0.1:$DB_PORT/ferry
fi
record "{\"scenario\":\"database\",\"name\":\"$DB\"}"

# --- broker ------------------------------------------------------------------------------------
BROKER_ENV=()
if [ "$BROKER" = pair ]; then
    export FERRY_BROKER_INTERNAL_USER=ferry-internal FERRY_BROKER_INTERNAL_PASSWORD=bench-internal-broker-password
    # shellcheck disable=SC2086 # two ports
    set -- $BROKER_PORTS
    FERRY_BROKER_USER=$JMS_USER FERRY_BROKER_PASSWORD=$JMS_PASSWORD \
        bash server-config/artemis/broker.sh create "$WORK/broker-primary" primary "$1" "$2" "$WORK/broker-store"
    FERRY_BROKER_USER=$JMS_USER FERRY_BROKER_PASSWORD=$JMS_PASSWORD \
        bash server-config/artemis/broker.sh create "$WORK/broker-backup" backup "$2" "$1" "$WORK/broker-store"
    bash server-config/artemis/broker.sh start "$WORK/broker-primary"
    bash server-config/artemis/broker.sh start "$WORK/broker-backup"
    BROKER_ENV=(FERRY_BROKER_URL="tcp://127.0.0.1:$1,tcp://127.0.0.1:$2")
fi
record "{\"scenario\":\"broker\",\"name\":\"$BROKER\"}"
record "{\"scenario\":\"server\",\"name\":\"$SERVER\"}"

# --- Ferry -------------------------------------------------------------------------------------
ferry_pid=""
PURGE_EVERY=PT1M
SECRETS_KEY=$(head -c 32 /dev/urandom | base64) # required with a shared database (start.sh)
start_ferry() {
    local t0; t0=$(now_ms)
    FERRY_RETENTION_PURGE_EVERY=$PURGE_EVERY \
    FERRY_DATA_DIR=$WORK/data FERRY_HTTP_PORT=$FERRY_PORT FERRY_BROKER_PORT=18616 FERRY_MANAGEMENT_PORT=$MANAGEMENT_PORT \
    FERRY_ADMIN_TOKEN=$TOKEN FERRY_EGRESS_ALLOW=127.0.0.1:18080,127.0.0.1:$HOOK_PORT,127.0.0.1:$ADAPTIVE_PORT FERRY_BENCH_NOOP_ENDPOINT=true \
    FERRY_BROKER_USER=$JMS_USER FERRY_BROKER_PASSWORD=$JMS_PASSWORD \
    FERRY_JAVA_OPTS="$HEAP -XX:+UseSerialGC $( $PROFILE && echo "-XX:StartFlightRecording=filename=$WORK/ferry.jfr,settings=profile" )" \
        env ${TRACE_ENDPOINT:+OTEL_EXPORTER_OTLP_ENDPOINT=$TRACE_ENDPOINT} "${BROKER_ENV[@]}" \
            ${DB_URL:+FERRY_DB_URL=$DB_URL FERRY_DB_USER=ferry FERRY_DB_PASSWORD=ferry FERRY_SECRETS_KEY=$SECRETS_KEY} bash "target/bundle/$LAUNCHER" >> "$WORK/ferry.log" 2>&1 &
    ferry_pid=$!
    PIDS+=("$ferry_pid")
    until curl -s "http://127.0.0.1:$FERRY_PORT/health/ready" | grep -q '^{"status":"UP"'; do
        kill -0 "$ferry_pid" || { echo "Ferry died; see $WORK/ferry.log"; exit 1; }
        sleep 0.2
    done
    READY_MS=$(( $(now_ms) - t0 ))
}
stop_ferry() {
    kill "$ferry_pid"; wait "$ferry_pid" 2>/dev/null || true
}
# sql FILE [FROM TO]: runs a script against the stopped gateway's H2 file with the H2 of the bundle
sql() {
    [ -f "$WORK/h2.jar" ] || (cd "$WORK" && jar xf "$ROOT/target/bundle/payara-micro.jar" MICRO-INF/runtime/h2.jar \
        && mv MICRO-INF/runtime/h2.jar h2.jar)
    sed -e "s/@FROM@/${2:-0}/" -e "s/@TO@/${3:-0}/" "$1" > "$WORK/script.sql"
    java -cp "$WORK/h2.jar" org.h2.tools.RunScript -url "jdbc:h2:$WORK/data/db/ferry" -user ferry -password ferry \
        -script "$WORK/script.sql"
}
purged() { { grep -o "Retention purge removed [0-9]*" "$WORK/ferry.log" || true; } | awk '{ s += $4 } END { print s + 0 }'; }
admin() { curl -s -o /dev/null -w '%{http_code}' -X "$1" "http://127.0.0.1:$FERRY_PORT/$2" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
rss_kb() { ps -o rss= -p "$1" | tr -d ' '; }
# waits until what earlier scenarios queued has been forwarded: the origin's log of forwarded ids stops growing
forwarding_idle() {
    touch "$WORK/nginx/origin-ids.log"
    local last=-1; until [ "$(wc -l < "$WORK/nginx/origin-ids.log")" = "$last" ]; do last=$(wc -l < "$WORK/nginx/origin-ids.log"); sleep 5; done
}

# wrk NAME URL CONNECTIONS [AUTH] -> one JSON line into the results
load() { load_script "$1" "$2" "$3" "${4:-}" bench/post.lua; }
# warm URL AUTH SCRIPT: ten unrecorded seconds, so that a run after a restart does not measure the JIT
warm() { BENCH_AUTH=$2 wrk -t2 -c16 -d10s -s "$3" "$1" > /dev/null 2>&1 || true; }
load_script() {
    local name=$1 url=$2 conns=$3 auth=${4:-} script=$5
    local at; at=$(date -u +%H:%M:%S) # to find the run in a JFR recording
    local out; out=$(BENCH_AUTH=$auth wrk -t2 -c"$conns" -d"${DURATION}s" --timeout 10s -s "$script" "$url")
    local line; line=$(echo "$out" | sed -n 's/^RESULT //p')
    record "{\"scenario\":\"$name\",\"connections\":$conns,\"startedAt\":\"$at\",${line#\{}"
    echo "$name c=$conns: $line"
}

start_ferry
record "{\"scenario\":\"ready\",\"ms\":$READY_MS,\"rssKb\":$(rss_kb "$ferry_pid")}"
[ "$(admin POST admin/proxies "{\"id\":\"bench\",\"targetUrl\":\"http://127.0.0.1:18080\",\"clientAuth\":{\"type\":\"bearer\",\"tokens\":[\"$CLIENT\"]}}")" = 201 ]

for scenario in "${SCENARIOS[@]}"; do
    case "$scenario" in
    accept)
        # ten unrecorded seconds each on the no-op and on intake (held by the paused proxy), so
        # that the first runs do not measure the JIT
        admin POST admin/proxies/bench/pause >/dev/null
        warm "http://127.0.0.1:$FERRY_PORT/bench/noop" "Bearer $TOKEN" bench/post.lua
        warm "http://127.0.0.1:$FERRY_PORT/async/bench/warm" "Bearer $CLIENT" bench/post.lua
        load origin-direct "http://127.0.0.1:18080/x" 64
        load noop "http://127.0.0.1:$FERRY_PORT/bench/noop" 64 "Bearer $TOKEN"
        load accept-paused "http://127.0.0.1:$FERRY_PORT/async/bench/x" 64 "Bearer $CLIENT"
        load accept-paused "http://127.0.0.1:$FERRY_PORT/async/bench/x" 4 "Bearer $CLIENT"
        admin POST admin/proxies/bench/resume >/dev/null
        load accept-forwarding "http://127.0.0.1:$FERRY_PORT/async/bench/x" 64 "Bearer $CLIENT"
        ;;
    drain)
        # let what earlier scenarios queued finish first
        forwarding_idle
        admin POST admin/proxies/bench/pause >/dev/null
        # queue DRAIN_COUNT requests (64 connections; wrk's threads stop at their share, and the
        # run ends after DRAIN_FILL seconds at the latest)
        DRAIN_LEFT=$DRAIN_COUNT DRAIN_THREADS=2 BENCH_AUTH="Bearer $CLIENT" wrk -t2 -c64 -d"${DRAIN_FILL}s" --timeout 10s -s bench/count.lua \
            "http://127.0.0.1:$FERRY_PORT/async/bench/drain" > "$WORK/drain-load.txt" || true
        queued=$(sed -n 's/^QUEUED //p' "$WORK/drain-load.txt")
        sleep 2; : > "$WORK/nginx/origin-ids.log"; kill -USR1 "$(cat "$WORK/nginx/nginx.pid")"
        t0=$(now_ms)
        admin POST admin/proxies/bench/resume >/dev/null
        deadline=$(( $(date +%s) + 900 ))
        drained() { grep -c ' /drain$' "$WORK/nginx/origin-ids.log" || true; }
        while [ "$(drained)" -lt "$queued" ] && [ "$(date +%s)" -lt "$deadline" ]; do sleep 1; done
        ms=$(( $(now_ms) - t0 ))
        seen=$(drained); unique=$({ grep ' /drain$' "$WORK/nginx/origin-ids.log" || true; } | cut -d' ' -f1 | sort -u | wc -l)
        record "{\"scenario\":\"drain\",\"queued\":$queued,\"forwarded\":$seen,\"unique\":$unique,\"ms\":$ms,\"perSecond\":$(( unique * 1000 / (ms > 0 ? ms : 1) ))}"
        echo "drain: $unique of $queued forwarded once or more in $ms ms"
        ;;
    sync)
        for c in 4 64; do
            # the accept scenario already measured the origin directly at 64 connections
            [ "$c" = 64 ] && grep -q '"scenario":"origin-direct","connections":64' "$RESULTS" \
                || load sync-origin-direct "http://127.0.0.1:18080/x" $c
            load sync-nginx-proxy "http://127.0.0.1:18081/x" $c
            load sync-ferry "http://127.0.0.1:$FERRY_PORT/proxy/bench/x" $c "Bearer $CLIENT"
        done
        ;;
    webhooks)
        # Delivery latency after completion: a proxy with a callback to a local receiver, 4
        # connections of intake for the run's duration while forwarding runs; the receiver keeps
        # arrival minus the payload's timestamp (the request's completion) per webhook.
        # What earlier scenarios queued is forwarded first (the origin's log stops growing), and
        # the warm-up's webhooks are all in before the receiver is reset.
        forwarding_idle
        java bench/HookReceiver.java $HOOK_PORT > "$WORK/hooks.log" 2>&1 &
        hooks=$!; PIDS+=("$hooks")
        until curl -s "http://127.0.0.1:$HOOK_PORT/stats" > /dev/null; do sleep 0.2; done
        hook_count() { curl -s "http://127.0.0.1:$HOOK_PORT/stats" | sed 's/.*"count":\([0-9]*\).*/\1/'; }
        secret="whsec_$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
        [ "$(admin POST admin/proxies "{\"id\":\"bench-hook\",\"targetUrl\":\"http://127.0.0.1:18080\",\"clientAuth\":{\"type\":\"bearer\",\"tokens\":[\"$CLIENT\"]},\"callback\":{\"url\":\"http://127.0.0.1:$HOOK_PORT/hook\",\"secret\":\"$secret\"}}")" = 201 ]
        warm "http://127.0.0.1:$FERRY_PORT/async/bench-hook/warm" "Bearer $CLIENT" bench/post.lua
        last=-1; until [ "$(hook_count)" = "$last" ]; do last=$(hook_count); sleep 3; done
        curl -s -X POST "http://127.0.0.1:$HOOK_PORT/reset" > /dev/null
        load webhooks-intake "http://127.0.0.1:$FERRY_PORT/async/bench-hook/x" 4 "Bearer $CLIENT"
        # every accepted request's webhook, or ten minutes at most
        accepted=$(tail -1 "$RESULTS" | sed 's/.*"requests":\([0-9]*\).*"non2xx":\([0-9]*\).*/\1 \2/' | awk '{ print $1 - $2 }')
        deadline=$(( $(date +%s) + 600 ))
        while [ "$(hook_count)" -lt "$accepted" ] && [ "$(date +%s)" -lt "$deadline" ]; do sleep 1; done
        stats=$(curl -s "http://127.0.0.1:$HOOK_PORT/stats")
        record "{\"scenario\":\"webhooks\",\"accepted\":$accepted,${stats#\{}"
        echo "webhooks: accepted $accepted, $stats"
        kill "$hooks"
        ;;
    jms)
        # JMS intake alone: a paused proxy, COUNT messages of 1 KiB from PRODUCERS connections;
        # accepted once the broker's ferry.intake is empty (a message is acknowledged once stored).
        forwarding_idle
        [ "$(admin POST admin/proxies "{\"id\":\"bench-jms\",\"targetUrl\":\"http://127.0.0.1:18080\",\"clientAuth\":{\"type\":\"bearer\",\"tokens\":[\"$CLIENT\"]}}")" = 201 ]
        admin POST admin/proxies/bench-jms/pause >/dev/null
        jms_load() {
            java -cp "$(cat target/jms-classpath.txt)" bench/JmsLoad.java "tcp://127.0.0.1:18616" "$JMS_USER" "$JMS_PASSWORD" \
                "$(cat "$WORK/data/keys/broker-internal-password")" bench-jms "$1" "$JMS_PRODUCERS" | sed -n 's/^RESULT //p'
        }
        jms_load 2000 > /dev/null # unrecorded: the JIT
        line=$(jms_load "$JMS_COUNT")
        record "{\"scenario\":\"jms\",${line#\{}"
        echo "jms: $line"
        ;;
    adaptive)
        # Issue 14: an origin of capacity 40, then 10, then 40 (503 beyond it, 200 ms a request),
        # a backlog always waiting, once with adaptive: true and once with adaptive: false; then a
        # 30 s outage with 40 requests waiting (bench/AdaptiveRun.java). Chart: docs/adaptive-<stamp>.png.
        forwarding_idle
        line=$(java bench/AdaptiveRun.java "http://127.0.0.1:$FERRY_PORT" "$TOKEN" "$ADAPTIVE_PORT" "$WORK/adaptive" \
            "$ADAPTIVE_PHASE" "$ADAPTIVE_BACKLOG" | sed -n 's/^RESULT //p')
        record "{\"scenario\":\"adaptive\",\"chart\":\"adaptive-$STAMP.png\",${line#\{}"
        echo "adaptive: $line"
        gnuplot -e "set terminal png size 1200,800; set output 'docs/adaptive-$STAMP.png'; set multiplot layout 2,1;
            set xlabel 'seconds'; set ylabel 'attempts in flight / limit'; set y2label 'origin refusals per second';
            set y2tics; set ytics nomirror; set key top right; set yrange [0:70]; set y2range [0:*];
            do for [m in 'adaptive fixed'] {
                set title sprintf('adaptive: %s', m eq 'adaptive' ? 'true' : 'false');
                plot '$WORK/adaptive/'.m.'.csv' using 1:2 with steps lw 2 dt 2 title 'origin capacity',
                     '' using 1:3 with lines lw 2 title 'limit in force',
                     '' using 1:5 with lines title 'in flight at the origin',
                     '' using 1:(\$7*4) axes x1y2 with impulses title 'refusals/s (right)'
            }; unset multiplot"
        ;;
    footprint)
        idle=$(rss_kb "$ferry_pid")
        samples=""
        # moderate load: two connections, one request at a time each
        BENCH_AUTH="Bearer $CLIENT" wrk -t1 -c2 -d"${SOAK}s" -s bench/post.lua \
            "http://127.0.0.1:$FERRY_PORT/async/bench/soak" > /dev/null 2>&1 &
        soak=$!
        for _ in $(seq 1 $(( SOAK / 10 ))); do sleep 10; samples="$samples${samples:+,}$(rss_kb "$ferry_pid")"; done
        wait "$soak" || true
        jcmd "$ferry_pid" GC.run > /dev/null
        heap=$(jcmd "$ferry_pid" GC.heap_info | awk '/generation/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K.*", "", v); sum += v } } END { print sum + 0 }')
        # a bare Payara Micro, in the same run, for the start-up comparison
        t0=$(now_ms)
        java -Xmx512m -XX:+UseSerialGC -jar target/bundle/payara-micro.jar --nocluster --port 18099 \
            --rootdir "$WORK/bare" > "$WORK/bare.log" 2>&1 &
        bare=$!; PIDS+=("$bare")
        until grep -q "ready in" "$WORK/bare.log"; do sleep 0.2; done
        bare_ms=$(( $(now_ms) - t0 )); kill "$bare"
        record "{\"scenario\":\"footprint\",\"readyMs\":$READY_MS,\"bareReadyMs\":$bare_ms,\"rssIdleKb\":$idle,\"rssUnderLoadKb\":[$samples],\"heapAfterGcKb\":${heap:-0}}"
        echo "footprint: ready ${READY_MS} ms (bare Payara Micro ${bare_ms} ms), RSS idle ${idle} KB, under load [$samples] KB"
        ;;
    scale)
        # Status lookups with SCALE_SMALL, then SCALE_LARGE stored requests (loaded with SQL while
        # the gateway is stopped), then accept p99 with the proxy paused before and while a purge
        # of all of them runs.
        status="http://127.0.0.1:$FERRY_PORT/requests/x"
        accept="http://127.0.0.1:$FERRY_PORT/async/bench/x"
        stop_ferry; sql bench/seed.sql 1 "$SCALE_SMALL"; start_ferry
        BENCH_ROWS=$SCALE_SMALL warm "$status" "Bearer $CLIENT" bench/lookup.lua
        BENCH_ROWS=$SCALE_SMALL load_script "status-${SCALE_SMALL}" "$status" 64 "Bearer $CLIENT" bench/lookup.lua
        stop_ferry; sql bench/seed.sql $(( SCALE_SMALL + 1 )) "$SCALE_LARGE"; start_ferry
        BENCH_ROWS=$SCALE_LARGE warm "$status" "Bearer $CLIENT" bench/lookup.lua
        BENCH_ROWS=$SCALE_LARGE load_script "status-${SCALE_LARGE}" "$status" 64 "Bearer $CLIENT" bench/lookup.lua
        admin POST admin/proxies/bench/pause >/dev/null
        warm "$accept" "Bearer $CLIENT" bench/post.lua
        load "accept-${SCALE_LARGE}-stored" "$accept" 64 "Bearer $CLIENT"
        # every seeded request expires; the purge runs every 2 s, batch after batch of 1,000
        stop_ferry; sql bench/expire.sql; PURGE_EVERY=PT2S; start_ferry
        t0=$(now_ms); before=$(purged)
        warm "$accept" "Bearer $CLIENT" bench/post.lua
        load "accept-during-purge" "$accept" 64 "Bearer $CLIENT"
        ms=$(( $(now_ms) - t0 )); during=$(( $(purged) - before ))
        still=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $CLIENT" \
            "http://127.0.0.1:$FERRY_PORT/requests/00000000-0000-4000-8000-$(printf %012d "$SCALE_LARGE")")
        record "{\"scenario\":\"purge\",\"rows\":$SCALE_LARGE,\"purgedDuringAccept\":$during,\"measuredFromSecond\":10,\"ms\":$ms,\"lastRowStatus\":$still}"
        echo "purge: $during rows purged in the $ms ms from restart to the end of the accept run (warm-up included)"
        PURGE_EVERY=PT1M
        ;;
    tracing)
        # Intake with tracing off, on (every request's spans exported over OTLP/HTTP to the nginx
        # origin, which answers 200 and keeps nothing), and off again: one gateway restarted in
        # between, side by side in one run, so that the machine's drift shows as the off runs' spread.
        admin POST admin/proxies/bench/pause >/dev/null
        for mode in off on off; do
            stop_ferry
            if [ "$mode" = on ]; then TRACE_ENDPOINT=http://127.0.0.1:18080; else TRACE_ENDPOINT=""; fi
            start_ferry
            warm "http://127.0.0.1:$FERRY_PORT/async/bench/warm" "Bearer $CLIENT" bench/post.lua
            load "accept-tracing-$mode" "http://127.0.0.1:$FERRY_PORT/async/bench/x" 64 "Bearer $CLIENT"
        done
        TRACE_ENDPOINT=""
        admin POST admin/proxies/bench/resume >/dev/null
        ;;
    *) echo "unknown scenario $scenario"; exit 2 ;;
    esac
done

if $PROFILE; then
    jcmd "$ferry_pid" JFR.dump filename="$WORK/ferry.jfr" > /dev/null
    jfr print --events jdk.ExecutionSample "$WORK/ferry.jfr" | grep -A1 'stackTrace = \[' | grep -v 'stackTrace\|--' \
        | sed 's/line:.*//' | sort | uniq -c | sort -rn | head -15 > "$WORK/hotspots.txt" || true
fi

python3 bench/report.py "$RESULTS" "bench/results/$STAMP.json" docs/benchmarks.md "$STAMP" "$WORK/hotspots.txt"
echo "results: bench/results/$STAMP.json, report: docs/benchmarks.md"
