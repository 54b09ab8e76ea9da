#!/usr/bin/env bash
# Ferry's benchmark (bench/README.md): starts a fast local origin (nginx) and Ferry from the
# build on the embedded defaults with a fresh data directory, runs the scenarios side by side,
# stops everything it started, and writes bench/results/<timestamp>.json and docs/benchmarks.md.
# All traffic stays on 127.0.0.1.
#
#   bench/run.sh [--profile] [scenario ...]     scenarios: accept drain sync footprint scale webhooks jms adaptive tracing (default: all)
#                                               The default run (no scenario named, H2) ends with a PostgreSQL phase:
#                                               a fresh gateway on PostgreSQL (server-config/postgresql/pg.sh) runs
#                                               drain and accept again (BENCH_PG_PHASE=0 skips it, =1 adds it to named
#                                               scenarios; BENCH_PG_SCENARIOS="drain accept" is its list).
#   BENCH_DB=postgresql bench/run.sh accept drain   the same on PostgreSQL (server-config/postgresql/pg.sh,
#                                                   a fresh server of its own; scale and purge need H2)
#   BENCH_DB=postgresql BENCH_BROKER=pair bench/run.sh accept drain
#                                                   the production shape: PostgreSQL and the external
#                                                   Artemis primary/backup (server-config/artemis/broker.sh)
#   BENCH_SERVER=wildfly bench/run.sh accept        the same WAR on WildFly (server-config/wildfly; start-wildfly.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUN_T0=$(date +%s)

PROFILE=false
NMT=${BENCH_NMT:-0}                    # 1: native memory tracking, a breakdown after each memory-heavy step
SCENARIOS=()
for arg in "$@"; do
    case "$arg" in
        --profile) PROFILE=true ;;
        *) SCENARIOS+=("$arg") ;;
    esac
done
ALL_SCENARIOS=(accept drain sync footprint scale webhooks jms adaptive tracing)
NAMED=true
if [ ${#SCENARIOS[@]} -eq 0 ]; then SCENARIOS=("${ALL_SCENARIOS[@]}"); NAMED=false; fi

DURATION=${BENCH_DURATION:-15}         # seconds per load run
DRAIN_COUNT=${BENCH_DRAIN:-100000}     # requests queued for the drain scenario...
DRAIN_FILL=${BENCH_DRAIN_FILL:-120}    # ...or as many as intake takes in this many seconds
SOAK=${BENCH_SOAK:-90}                 # seconds of moderate load for the footprint scenario (RSS every 10 s)
SCALE_SMALL=${BENCH_SCALE_SMALL:-10000}    # stored requests for the first status-lookup run...
SCALE_LARGE=${BENCH_SCALE_LARGE:-1000000}  # ...and for the second; all of them are then purged
JMS_COUNT=${BENCH_JMS:-20000}          # messages for the jms scenario
JMS_PRODUCERS=${BENCH_JMS_PRODUCERS:-32}
HOOK_PORT=18090                        # the webhooks scenario's receiver
ADAPTIVE_PORT=18091                    # the adaptive scenario's origin
ADAPTIVE_PHASE=${BENCH_ADAPTIVE_PHASE:-25}      # seconds at each capacity (40, 10, 40)
# requests queued before each adaptive run: more than the origin can serve in the three phases
# (200/s, 50/s, 200/s: 11,250 in 3 x 25 s by default), so that one is always waiting
ADAPTIVE_BACKLOG=${BENCH_ADAPTIVE_BACKLOG:-15000}
DB=${BENCH_DB:-h2}                     # h2 (the embedded default) or postgresql
case "$DB" in h2|postgresql) ;; *) echo "BENCH_DB must be h2 or postgresql"; exit 2 ;; esac
DB_PORT=18432
BROKER=${BENCH_BROKER:-embedded}       # embedded, or pair (the external primary/backup)
case "$BROKER" in embedded|pair) ;; *) echo "BENCH_BROKER must be embedded or pair"; exit 2 ;; esac
BROKER_PORTS="18617 18618"
SERVER=${BENCH_SERVER:-payara}         # payara (Payara Micro) or wildfly (the same WAR on WildFly)
case "$SERVER" in payara|wildfly) ;; *) echo "BENCH_SERVER must be payara or wildfly"; exit 2 ;; esac
# The PostgreSQL phase (issue 18): after the scenarios of an H2 run, the gateway is stopped, a
# PostgreSQL server of the run's own is started (pg.sh, synchronous_commit=on) and a fresh gateway
# on it (fresh data directory, same broker mode and server) runs PG_SCENARIOS again; its records
# carry "database":"postgresql". On by default for the default list, off when scenarios are named.
PG_PHASE=${BENCH_PG_PHASE:-}
if [ -z "$PG_PHASE" ]; then
    if $NAMED; then PG_PHASE=0; else PG_PHASE=1; fi
fi
case "$PG_PHASE" in 0|1) ;; *) echo "BENCH_PG_PHASE must be 0 or 1"; exit 2 ;; esac
if [ "$DB" = postgresql ]; then PG_PHASE=0; fi   # the whole run is on PostgreSQL already
# drain first: the fresh gateway has nothing queued, so the drain does not wait for the backlog
# that accept's paused runs leave (forwarded at the drain's rate, minutes on PostgreSQL)
read -r -a PG_SCENARIOS <<< "${BENCH_PG_SCENARIOS:-drain accept}"
for s in "${SCENARIOS[@]}" "${PG_SCENARIOS[@]}"; do
    case " ${ALL_SCENARIOS[*]} " in *" $s "*) ;; *) echo "unknown scenario $s"; exit 2 ;; esac
done
if [ "$DB" = postgresql ] && [[ " ${SCENARIOS[*]} " == *" scale "* ]]; then
    echo "the scale scenario needs H2 (its rows are loaded with H2's RunScript)"; exit 2
fi
if [ "$PG_PHASE" = 1 ] && [[ " ${PG_SCENARIOS[*]} " == *" scale "* ]]; then
    echo "BENCH_PG_SCENARIOS: the scale scenario needs H2"; exit 2
fi
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
# The gateway runs with its launcher's own JVM options (heap and collector: start.sh,
# start-wildfly.sh); the recording and the memory tracking are added through JAVA_TOOL_OPTIONS.
LAUNCHER=start.sh
if [ "$SERVER" = wildfly ]; then
    bash server-config/wildfly/wildfly.sh install
    LAUNCHER=start-wildfly.sh
fi
# the Artemis client for the jms scenario's producers
mvn -q -B -ntp dependency:build-classpath -Dmdep.outputFile=target/jms-classpath.txt -Dmdep.includeScope=provided

rm -rf "$WORK" && mkdir -p "$WORK/nginx" bench/results
: > "$RESULTS"
PIDS=()
BROKER_DIRS=()                         # the running external broker instances, backup first
PG_STARTED=false
start_postgresql() {
    PG_STARTED=true
    bash server-config/postgresql/pg.sh start "$WORK/postgresql" "$DB_PORT"
    DB_URL=jdbc:postgresql://127.0.0.1:$DB_PORT/ferry
}
# start_broker_pair NAME: a fresh primary/backup pair in $WORK/NAME-primary and -backup sharing $WORK/NAME-store
start_broker_pair() {
    local name=$1 primary_port backup_port
    read -r primary_port backup_port <<< "$BROKER_PORTS"
    BROKER_DIRS=("$WORK/$name-backup" "$WORK/$name-primary")
    FERRY_BROKER_USER=$JMS_USER FERRY_BROKER_PASSWORD=$JMS_PASSWORD \
        bash server-config/artemis/broker.sh create "$WORK/$name-primary" primary "$primary_port" "$backup_port" "$WORK/$name-store"
    FERRY_BROKER_USER=$JMS_USER FERRY_BROKER_PASSWORD=$JMS_PASSWORD \
        bash server-config/artemis/broker.sh create "$WORK/$name-backup" backup "$backup_port" "$primary_port" "$WORK/$name-store"
    bash server-config/artemis/broker.sh start "$WORK/$name-primary"
    bash server-config/artemis/broker.sh start "$WORK/$name-backup"
    BROKER_ENV=(FERRY_BROKER_URL="tcp://127.0.0.1:$primary_port,tcp://127.0.0.1:$backup_port")
}
stop_broker_pair() {
    local dir
    for dir in "${BROKER_DIRS[@]}"; do bash server-config/artemis/broker.sh stop "$dir" || true; done
    BROKER_DIRS=()
}
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -f "$WORK/nginx/nginx.pid" ] && kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true
    stop_broker_pair
    if $PG_STARTED; then bash server-config/postgresql/pg.sh stop "$WORK/postgresql" || true; fi
    wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# The database of the records being written: the run's, then "postgresql" in the PostgreSQL phase.
PHASE_DB=$DB
record() { echo "{\"database\":\"$PHASE_DB\",${1#\{}" >> "$RESULTS"; }
now_ms() { date +%s%3N; }
TIMINGS=()
# timing NAME SECONDS: a scenario's (or a step's) wall time, recorded and printed at the end
timing() {
    record "{\"scenario\":\"timing\",\"name\":\"$1\",\"seconds\":$2}"
    TIMINGS+=("$(printf '%-10s %-16s %6d s' "$PHASE_DB" "$1" "$2")")
}

# --- origin ------------------------------------------------------------------------------------
cp bench/nginx.conf "$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon on;'

# --- database ----------------------------------------------------------------------------------
DB_URL=""
if [ "$DB" = postgresql ]; then start_postgresql; fi
record "{\"scenario\":\"database\",\"name\":\"$DB\"}"

# --- broker ------------------------------------------------------------------------------------
BROKER_ENV=()
if [ "$BROKER" = pair ]; then
    export FERRY_BROKER_INTERNAL_USER=ferry-internal FERRY_BROKER_INTERNAL_PASSWORD=bench-internal-broker-password
    start_broker_pair broker
fi
record "{\"scenario\":\"broker\",\"name\":\"$BROKER\"}"
record "{\"scenario\":\"server\",\"name\":\"$SERVER\"}"

# --- Ferry -------------------------------------------------------------------------------------
ferry_pid=""
PURGE_EVERY=PT1M
DATA_DIR=$WORK/data                    # the gateway's data directory ($WORK/data-pg in the PostgreSQL phase)
TRACE_ENDPOINT=""
SECRETS_KEY=$(head -c 32 /dev/urandom | base64) # required with a shared database (start.sh)
start_ferry() {
    local t0; t0=$(now_ms)
    FERRY_RETENTION_PURGE_EVERY=$PURGE_EVERY \
    FERRY_DATA_DIR=$DATA_DIR FERRY_HTTP_PORT=$FERRY_PORT FERRY_BROKER_PORT=18616 FERRY_MANAGEMENT_PORT=$MANAGEMENT_PORT \
    FERRY_ADMIN_TOKEN=$TOKEN FERRY_EGRESS_ALLOW=127.0.0.1:18080,127.0.0.1:$HOOK_PORT,127.0.0.1:$ADAPTIVE_PORT FERRY_BENCH_NOOP_ENDPOINT=true \
    FERRY_BROKER_USER=$JMS_USER FERRY_BROKER_PASSWORD=$JMS_PASSWORD \
    JAVA_TOOL_OPTIONS="$( $PROFILE && echo "-XX:StartFlightRecording=filename=$WORK/ferry.jfr,settings=profile" ) $( [ "$NMT" = 1 ] && echo "-XX:NativeMemoryTracking=summary" )" \
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
    java -cp "$WORK/h2.jar" org.h2.tools.RunScript -url "jdbc:h2:$DATA_DIR/db/ferry" -user ferry -password ferry \
        -script "$WORK/script.sql"
}
purged() { { grep -o "Retention purge removed [0-9]*" "$WORK/ferry.log" || true; } | awk '{ s += $4 } END { print s + 0 }'; }
admin() { curl -s -o /dev/null -w '%{http_code}' -X "$1" "http://127.0.0.1:$FERRY_PORT/$2" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
rss_kb() { ps -o rss= -p "$1" | tr -d ' '; }
# nmt NAME: with BENCH_NMT=1, the JVM's native memory by category (committed KiB) into the results
nmt() {
    [ "$NMT" = 1 ] || return 0
    jcmd "$ferry_pid" VM.native_memory summary > "$WORK/nmt-$PHASE_DB-$1.txt" 2>&1 || return 0
    local parts
    parts=$(sed -n 's/^-\{1,\} *\([A-Za-z][A-Za-z ]*[a-z]\) (reserved=[0-9]*KB, committed=\([0-9]*\)KB).*/"\1":\2/p' \
        "$WORK/nmt-$PHASE_DB-$1.txt" | paste -sd, -)
    local total; total=$(sed -n 's/^Total: reserved=[0-9]*KB, committed=\([0-9]*\)KB.*/\1/p' "$WORK/nmt-$PHASE_DB-$1.txt")
    record "{\"scenario\":\"nmt\",\"name\":\"$1\",\"rssKb\":$(rss_kb "$ferry_pid"),\"totalCommittedKb\":${total:-0},\"committedKb\":{$parts}}"
}
# cpu_ticks: CPU clock ticks used so far by the gateway and by the database's server processes
# (PostgreSQL's; H2 runs inside the gateway), and the machine's idle and iowait ticks over all
# cores; what bounds a drain shows in how they split
cpu_ticks() {
    local gateway database idle
    gateway=$(awk '{print $14 + $15}' "/proc/$ferry_pid/stat")
    database=$(for p in $(pgrep -x postgres || true); do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || true; done \
        | awk '{s += $1} END {print s + 0}')
    idle=$(awk '/^cpu /{print $5 + $6}' /proc/stat)
    echo "$gateway $database $idle"
}
# the gateway's heap in use (KiB, all generations) after a full GC
heap_after_gc_kb() {
    jcmd "$ferry_pid" GC.run > /dev/null 2>&1 || true
    { jcmd "$ferry_pid" GC.heap_info 2>/dev/null || true; } \
        | awk '/generation/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K.*", "", v); sum += v } } END { print sum + 0 }'
}
# waits until what earlier scenarios queued has been forwarded: the origin's log of forwarded ids stops growing
forwarding_idle() {
    touch "$WORK/nginx/origin-ids.log"
    local last=-1; until [ "$(wc -l < "$WORK/nginx/origin-ids.log")" = "$last" ]; do last=$(wc -l < "$WORK/nginx/origin-ids.log"); sleep 5; done
}
# until_quiet FILE SECONDS MAX: returns once FILE has not grown for SECONDS, or after MAX seconds
until_quiet() {
    local file=$1 quiet_ms=$(( $2 * 1000 )) end=$(( $(now_ms) + $3 * 1000 )) size last=-1 since
    since=$(now_ms)
    while [ "$(now_ms)" -lt "$end" ]; do
        size=$(stat -c %s "$file")
        if [ "$size" != "$last" ]; then
            last=$size; since=$(now_ms)
        elif [ $(( $(now_ms) - since )) -ge "$quiet_ms" ]; then
            return 0
        fi
        sleep 0.5
    done
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

# a gateway on the current database and data directory, its start-up recorded, with the proxy "bench"
start_gateway() {
    start_ferry
    record "{\"scenario\":\"ready\",\"ms\":$READY_MS,\"rssKb\":$(rss_kb "$ferry_pid")}"
    nmt ready
    [ "$(admin POST admin/proxies "{\"id\":\"bench\",\"targetUrl\":\"http://127.0.0.1:18080\",\"clientAuth\":{\"type\":\"bearer\",\"tokens\":[\"$CLIENT\"]}}")" = 201 ]
}

# --- scenarios (bench/README.md) ---------------------------------------------------------------
scenario_accept() {
    # ten unrecorded seconds each on the no-op and on intake (held by the paused proxy), so
    # that the first runs do not measure the JIT
    admin POST admin/proxies/bench/pause >/dev/null
    warm "http://127.0.0.1:$FERRY_PORT/bench/noop" "Bearer $TOKEN" bench/post.lua
    warm "http://127.0.0.1:$FERRY_PORT/async/bench/warm" "Bearer $CLIENT" bench/post.lua
    # the origin's own speed, once a run: the database plays no part in it
    if [ "$PHASE_DB" = "$DB" ]; then load origin-direct "http://127.0.0.1:18080/x" 64; fi
    load noop "http://127.0.0.1:$FERRY_PORT/bench/noop" 64 "Bearer $TOKEN"
    load accept-paused "http://127.0.0.1:$FERRY_PORT/async/bench/x" 64 "Bearer $CLIENT"
    load accept-paused "http://127.0.0.1:$FERRY_PORT/async/bench/x" 4 "Bearer $CLIENT"
    admin POST admin/proxies/bench/resume >/dev/null
    load accept-forwarding "http://127.0.0.1:$FERRY_PORT/async/bench/x" 64 "Bearer $CLIENT"
    nmt after-accept
}

drain_lines() { grep -c ' /drain$' "$1" || true; }
drain_ids() { { grep ' /drain$' "$1" || true; } | cut -d' ' -f1 | sort -u | wc -l; }
scenario_drain() {
    local log=$WORK/nginx/origin-ids.log queued t0 deadline ms reached settle_t0 settle_ms forwarded unique rss heap
    local cpu cpu_g0 cpu_d0 cpu_i0 cpu_g1 cpu_d1 cpu_i1
    # let what earlier scenarios queued finish first
    forwarding_idle
    admin POST admin/proxies/bench/pause >/dev/null
    # queue DRAIN_COUNT requests (64 connections; wrk's threads stop at their share, and the
    # run ends after DRAIN_FILL seconds at the latest)
    DRAIN_LEFT=$DRAIN_COUNT DRAIN_THREADS=2 BENCH_AUTH="Bearer $CLIENT" wrk -t2 -c64 -d"${DRAIN_FILL}s" --timeout 10s -s bench/count.lua \
        "http://127.0.0.1:$FERRY_PORT/async/bench/drain" > "$WORK/drain-load.txt" || true
    queued=$(sed -n 's/^QUEUED //p' "$WORK/drain-load.txt"); queued=${queued:-0}
    sleep 2; : > "$log"; kill -USR1 "$(cat "$WORK/nginx/nginx.pid")"
    t0=$(now_ms); read -r cpu_g0 cpu_d0 cpu_i0 <<< "$(cpu_ticks)"
    admin POST admin/proxies/bench/resume >/dev/null
    deadline=$(( $(date +%s) + 900 ))
    while [ "$(drain_lines "$log")" -lt "$queued" ] && [ "$(date +%s)" -lt "$deadline" ]; do sleep 1; done
    ms=$(( $(now_ms) - t0 )); read -r cpu_g1 cpu_d1 cpu_i1 <<< "$(cpu_ticks)"
    cpu=$(awk -v hz="$(getconf CLK_TCK)" -v g=$(( cpu_g1 - cpu_g0 )) -v d=$(( cpu_d1 - cpu_d0 )) -v i=$(( cpu_i1 - cpu_i0 )) \
        'BEGIN { printf "\"cpuGatewayS\":%.1f,\"cpuDatabaseS\":%.1f,\"cpuIdleS\":%.1f", g / hz, d / hz, i / hz }')
    # the rate: distinct ids forwarded until the count was reached
    cp "$log" "$WORK/drain-reached.log"
    reached=$(drain_ids "$WORK/drain-reached.log")
    # the count: once the origin's log has not grown for 3 s (stragglers, second deliveries), both
    # numbers from one copy of it
    settle_t0=$(now_ms)
    until_quiet "$log" 3 120
    settle_ms=$(( $(now_ms) - settle_t0 ))
    cp "$log" "$WORK/drain-final.log"
    forwarded=$(drain_lines "$WORK/drain-final.log")
    unique=$(drain_ids "$WORK/drain-final.log")
    rss=$(rss_kb "$ferry_pid")
    heap=$(heap_after_gc_kb)
    record "{\"scenario\":\"drain\",\"queued\":$queued,\"forwarded\":$forwarded,\"unique\":$unique,\"duplicates\":$(( forwarded - unique )),\"missing\":$(( queued > unique ? queued - unique : 0 )),\"ms\":$ms,\"perSecond\":$(( reached * 1000 / (ms > 0 ? ms : 1) )),$cpu,\"settleMs\":$settle_ms,\"rssAfterKb\":$rss,\"heapAfterGcKb\":$heap}"
    nmt after-drain
    echo "drain: $unique of $queued forwarded ($forwarded deliveries, $(( forwarded - unique )) twice or more); $reached in $ms ms; RSS after ${rss} KB"
}

scenario_sync() {
    local c
    for c in 4 64; do
        # the accept scenario already measured the origin directly at 64 connections
        [ "$c" = 64 ] && grep -q "\"database\":\"$PHASE_DB\",\"scenario\":\"origin-direct\",\"connections\":64" "$RESULTS" \
            || load sync-origin-direct "http://127.0.0.1:18080/x" $c
        load sync-nginx-proxy "http://127.0.0.1:18081/x" $c
        load sync-ferry "http://127.0.0.1:$FERRY_PORT/proxy/bench/x" $c "Bearer $CLIENT"
    done
}

hook_count() { curl -s "http://127.0.0.1:$HOOK_PORT/stats" | sed 's/.*"count":\([0-9]*\).*/\1/'; }
scenario_webhooks() {
    # Delivery latency after completion: a proxy with a callback to a local receiver, 4
    # connections of intake for the run's duration while forwarding runs; the receiver keeps
    # arrival minus the payload's timestamp (the request's completion) per webhook.
    # What earlier scenarios queued is forwarded first (the origin's log stops growing), and
    # the warm-up's webhooks are all in before the receiver is reset.
    local hooks secret last accepted deadline stats
    forwarding_idle
    java bench/HookReceiver.java $HOOK_PORT > "$WORK/hooks.log" 2>&1 &
    hooks=$!; PIDS+=("$hooks")
    until curl -s "http://127.0.0.1:$HOOK_PORT/stats" > /dev/null; do sleep 0.2; done
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
}

jms_load() {
    java -cp "$(cat target/jms-classpath.txt)" bench/JmsLoad.java "tcp://127.0.0.1:18616" "$JMS_USER" "$JMS_PASSWORD" \
        "$(cat "$DATA_DIR/keys/broker-internal-password")" bench-jms "$1" "$JMS_PRODUCERS" | sed -n 's/^RESULT //p'
}
scenario_jms() {
    # JMS intake alone: a paused proxy, COUNT messages of 1 KiB from PRODUCERS connections;
    # accepted once the broker's ferry.intake is empty (a message is acknowledged once stored).
    local line
    forwarding_idle
    [ "$(admin POST admin/proxies "{\"id\":\"bench-jms\",\"targetUrl\":\"http://127.0.0.1:18080\",\"clientAuth\":{\"type\":\"bearer\",\"tokens\":[\"$CLIENT\"]}}")" = 201 ]
    admin POST admin/proxies/bench-jms/pause >/dev/null
    jms_load 2000 > /dev/null # unrecorded: the JIT
    line=$(jms_load "$JMS_COUNT")
    record "{\"scenario\":\"jms\",${line#\{}"
    echo "jms: $line"
}

scenario_adaptive() {
    # Issue 14: an origin of capacity 40, then 10, then 40 (503 beyond it, 200 ms a request),
    # a backlog always waiting, once with adaptive: true and once with adaptive: false; then a
    # 30 s outage with 40 requests waiting (bench/AdaptiveRun.java). Chart: docs/adaptive-<stamp>.png.
    local line
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
}

scenario_footprint() {
    local idle samples soak heap t0 bare bare_ms
    idle=$(rss_kb "$ferry_pid")
    samples=""
    # moderate load: two connections, one request at a time each
    BENCH_AUTH="Bearer $CLIENT" wrk -t1 -c2 -d"${SOAK}s" -s bench/post.lua \
        "http://127.0.0.1:$FERRY_PORT/async/bench/soak" > /dev/null 2>&1 &
    soak=$!
    for _ in $(seq 1 $(( SOAK / 10 ))); do sleep 10; samples="$samples${samples:+,}$(rss_kb "$ferry_pid")"; done
    wait "$soak" || true
    heap=$(heap_after_gc_kb)
    # a bare Payara Micro, in the same run, for the start-up comparison
    t0=$(now_ms)
    java -Xmx512m -XX:+UseSerialGC -jar target/bundle/payara-micro.jar --nohazelcast --disablephonehome --port 18099 \
        --rootdir "$WORK/bare" > "$WORK/bare.log" 2>&1 &
    bare=$!; PIDS+=("$bare")
    until grep -q "ready in" "$WORK/bare.log"; do sleep 0.2; done
    bare_ms=$(( $(now_ms) - t0 )); kill "$bare"
    record "{\"scenario\":\"footprint\",\"readyMs\":$READY_MS,\"bareReadyMs\":$bare_ms,\"rssIdleKb\":$idle,\"rssUnderLoadKb\":[$samples],\"heapAfterGcKb\":${heap:-0}}"
    nmt after-soak
    echo "footprint: ready ${READY_MS} ms (bare Payara Micro ${bare_ms} ms), RSS idle ${idle} KB, under load [$samples] KB"
}

scenario_scale() {
    # Status lookups with SCALE_SMALL, then SCALE_LARGE stored requests (loaded with SQL while
    # the gateway is stopped), then accept p99 with the proxy paused before and while a purge
    # of all of them runs.
    local status="http://127.0.0.1:$FERRY_PORT/requests/x" accept="http://127.0.0.1:$FERRY_PORT/async/bench/x"
    local t0 before ms during still
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
}

scenario_tracing() {
    # Intake with tracing off, on (every request's spans exported over OTLP/HTTP to the nginx
    # origin, which answers 200 and keeps nothing), and off again: one gateway restarted in
    # between, side by side in one run, so that the machine's drift shows as the off runs' spread.
    local mode
    admin POST admin/proxies/bench/pause >/dev/null
    for mode in off on off; do
        stop_ferry
        if [ "$mode" = on ]; then TRACE_ENDPOINT=http://127.0.0.1:18080; else TRACE_ENDPOINT=""; fi
        start_ferry
        warm "http://127.0.0.1:$FERRY_PORT/async/bench/warm" "Bearer $CLIENT" bench/post.lua
        load "accept-tracing-$mode" "http://127.0.0.1:$FERRY_PORT/async/bench/x" 64 "Bearer $CLIENT"
    done
    TRACE_ENDPOINT=""
    # Resuming queues the whole held backlog again before it answers (everything intake took
    # since the proxy was paused: minutes' worth); only worth it when a scenario follows on this gateway.
    if $MORE_IN_PHASE; then admin POST admin/proxies/bench/resume >/dev/null; fi
}

# run_phase SCENARIO...: one after the other on the running gateway, each one's wall time recorded
MORE_IN_PHASE=false
run_phase() {
    local scenarios=("$@") i t0
    for i in "${!scenarios[@]}"; do
        MORE_IN_PHASE=false; [ $(( i + 1 )) -lt ${#scenarios[@]} ] && MORE_IN_PHASE=true
        t0=$(date +%s)
        "scenario_${scenarios[$i]}"
        timing "${scenarios[$i]}" $(( $(date +%s) - t0 ))
    done
}

start_gateway
timing setup $(( $(date +%s) - RUN_T0 ))   # tools, build, origin, database, broker, the first start
run_phase "${SCENARIOS[@]}"

if [ "$PG_PHASE" = 1 ]; then
    # The same scenarios on PostgreSQL: a fresh gateway (its own data directory, and a fresh pair
    # of brokers in pair mode), so that its ratios (drain to accept, accept to no-op) are its own.
    t0=$(date +%s)
    stop_ferry
    PHASE_DB=postgresql
    record "{\"scenario\":\"phase\",\"name\":\"postgresql\"}"
    start_postgresql
    if [ "$BROKER" = pair ]; then stop_broker_pair; start_broker_pair broker-pg; fi
    DATA_DIR=$WORK/data-pg
    PURGE_EVERY=PT1M; TRACE_ENDPOINT=""
    start_gateway
    timing postgresql-start $(( $(date +%s) - t0 ))
    run_phase "${PG_SCENARIOS[@]}"
fi

if $PROFILE; then
    jcmd "$ferry_pid" JFR.dump filename="$WORK/ferry.jfr" > /dev/null
    jfr print --events jdk.ExecutionSample "$WORK/ferry.jfr" | grep -A1 'stackTrace = \[' | grep -v 'stackTrace\|--' \
        | sed 's/line:.*//' | sort | uniq -c | sort -rn | head -15 > "$WORK/hotspots.txt" || true
fi

PHASE_DB=$DB
timing total $(( $(date +%s) - RUN_T0 ))
echo "wall time (database, scenario):"
printf '  %s\n' "${TIMINGS[@]}"
python3 bench/report.py "$RESULTS" "bench/results/$STAMP.json" docs/benchmarks.md "$STAMP" "$WORK/hotspots.txt"
echo "results: bench/results/$STAMP.json, report: docs/benchmarks.md"
