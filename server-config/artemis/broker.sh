#!/usr/bin/env bash
# The external Artemis broker pair of Ferry's production shape (issue 16), run the way operators
# run Artemis: instances made by `artemis create`, started with `bin/artemis run`, one JVM each.
# The pair shares one store on local disk (journal, bindings, paging); the backup holds no
# acceptor until the primary's lock on that store is gone, then takes over with everything the
# primary had written. Ferry's addresses, redelivery, dead-letter and security settings are the
# ones the embedded broker uses: this script renders server-config/artemis/broker.xml into each
# instance and adds the pair's HA policy.
#
#   broker.sh install
#       Assembles ARTEMIS_HOME (target/artemis-home) from Maven Central if it is missing.
#   broker.sh create DIR primary|backup PORT PEER_PORT STORE
#       Makes an instance in DIR listening on 127.0.0.1:PORT (FERRY_BROKER_HOST to change),
#       whose peer listens on PEER_PORT, sharing STORE. Accounts: FERRY_BROKER_INTERNAL_USER /
#       _PASSWORD (Ferry's own, required) and FERRY_BROKER_USER / _PASSWORD (JMS producers,
#       optional), written owner-only into DIR/etc.
#   broker.sh start DIR
#       Starts the instance in the background (log: DIR/log/artemis.log, pid: DIR/artemis.pid)
#       and waits until it is active (primary) or waiting as a backup.
#   broker.sh stop DIR
#       Stops it (SIGTERM; a primary's clean stop hands over to its backup), forced after 30 s.
#   broker.sh kill DIR
#       kill -9: a crash, for failover tests.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project=$(cd "$here/../.." && pwd)
home=${ARTEMIS_HOME:-$project/target/artemis-home}

install() {
    if [ -f "$home/lib/artemis-boot.jar" ] && [ -f "$home/lib/artemis-cli-2.53.0.jar" ]; then
        return 0
    fi
    mvn -B -ntp -q -f "$here/pom.xml" package -Dartemis.home="$home"
}

cli() {
    java -cp "$home/lib/*" org.apache.activemq.artemis.cli.Artemis "$@"
}

create() {
    local dir=$1 role=$2 port=$3 peer_port=$4 store=$5
    local host=${FERRY_BROKER_HOST:-127.0.0.1}
    : "${FERRY_BROKER_INTERNAL_USER:?Ferry's own broker account is required}"
    : "${FERRY_BROKER_INTERNAL_PASSWORD:?Ferry's own broker password is required}"
    case "$role" in primary|backup) ;; *) echo "role must be primary or backup" >&2; exit 2 ;; esac
    install
    mkdir -p "$store"
    store=$(cd "$store" && pwd)
    # The account given to `create` is replaced below: passwords never go on a command line.
    cli create "$dir" --home "$home" --user ferry-placeholder --password "$(head -c 12 /dev/urandom | base64)" \
        --role ferry-placeholder --require-login --no-web --no-autotune --nio --silent --force \
        --name "ferry-$role" --java-memory 512M >/dev/null
    dir=$(cd "$dir" && pwd)
    local etc="$dir/etc"
    local topology
    topology=$(cat <<EOF
        <connectors>
            <connector name="self">tcp://$host:$port</connector>
            <connector name="peer">tcp://$host:$peer_port</connector>
        </connectors>
        <!-- One store, two brokers: whoever holds its lock is live. A primary that stops
             cleanly hands over too (rolling restarts); a backup that took over hands back
             when the primary returns. -->
        <ha-policy>
            <shared-store>
$(if [ "$role" = primary ]; then
    echo "                <primary><failover-on-shutdown>true</failover-on-shutdown></primary>"
else
    echo "                <backup><allow-failback>true</allow-failback><failover-on-shutdown>true</failover-on-shutdown></backup>"
fi)
            </shared-store>
        </ha-policy>
        <!-- The pair tells clients where the backup is (their topology), so that they fail over. -->
        <cluster-user>$FERRY_BROKER_INTERNAL_USER</cluster-user>
        <cluster-password>$FERRY_BROKER_INTERNAL_PASSWORD</cluster-password>
        <cluster-connections>
            <cluster-connection name="ferry-pair">
                <connector-ref>self</connector-ref>
                <message-load-balancing>OFF</message-load-balancing>
                <static-connectors><connector-ref>peer</connector-ref></static-connectors>
            </cluster-connection>
        </cluster-connections>
EOF
)
    (umask 077
     awk -v topology="$topology" '/<!-- ferry:topology/ { print topology; next } { print }' \
         "$here/broker.xml" > "$etc/broker.xml"
     {
         echo "$FERRY_BROKER_INTERNAL_USER = $FERRY_BROKER_INTERNAL_PASSWORD"
         if [ -n "${FERRY_BROKER_USER:-}" ]; then
             echo "$FERRY_BROKER_USER = ${FERRY_BROKER_PASSWORD:-}"
         fi
     } > "$etc/artemis-users.properties"
     {
         echo "ferry-internal = $FERRY_BROKER_INTERNAL_USER"
         if [ -n "${FERRY_BROKER_USER:-}" ]; then
             echo "ferry-producer = $FERRY_BROKER_USER"
         fi
     } > "$etc/artemis-roles.properties")
    chmod 600 "$etc/broker.xml" "$etc/artemis-users.properties" "$etc/artemis-roles.properties"
    # The broker logs through SLF4J to java.util.logging here (the distribution's log4j is not
    # assembled): one line per record, without the audit trail of every management call.
    printf '%s\n' 'handlers=java.util.logging.ConsoleHandler' '.level=INFO' \
        'java.util.logging.ConsoleHandler.level=ALL' \
        'java.util.logging.SimpleFormatter.format=%1$tF %1$tT %4$s %5$s%6$s%n' \
        'org.apache.activemq.audit.level=WARNING' > "$etc/logging.properties"
    # This broker's place, read by broker.xml's ${...}: the shared store, its name and address,
    # and a memory bound that suits a JVM of its own.
    cat >> "$etc/artemis.profile" <<EOF

# Ferry (server-config/artemis/broker.sh): this broker's place in the pair.
JAVA_ARGS_APPEND="-Djava.util.logging.config.file=$etc/logging.properties -Dferry.data.dir=$store -Dferry.broker.name=ferry-$role -Dferry.broker.host=$host -Dferry.broker.port=$port -Dferry.broker.global-max-size=128M \${JAVA_ARGS_APPEND:-}"
EOF
    echo "$role" > "$dir/ferry-role"
}

start() {
    local dir
    dir=$(cd "$1" && pwd)
    local log="$dir/log/artemis.log"
    mkdir -p "$dir/log"
    if [ -f "$dir/artemis.pid" ] && kill -0 "$(cat "$dir/artemis.pid")" 2>/dev/null; then
        echo "already running: $dir" >&2
        return 0
    fi
    local lines=0
    [ -f "$log" ] && lines=$(wc -l < "$log")
    nohup "$dir/bin/artemis" run >> "$log" 2>&1 &
    echo $! > "$dir/artemis.pid"
    # AMQ221007: active. AMQ221109: a backup waiting for its primary to fail. AMQ221031: a
    # backup announced to the primary that is live.
    local pattern='AMQ221007|AMQ221109|AMQ221031'
    for _ in $(seq 1 600); do
        if tail -n +"$((lines + 1))" "$log" | grep -Eq "$pattern"; then
            return 0
        fi
        if ! kill -0 "$(cat "$dir/artemis.pid")" 2>/dev/null; then
            echo "broker exited; see $log" >&2
            exit 1
        fi
        sleep 0.2
    done
    echo "broker not up within 120 s; see $log" >&2
    exit 1
}

stop() {
    local dir=$1 signal=${2:-TERM}
    [ -f "$dir/artemis.pid" ] || return 0
    local pid
    pid=$(cat "$dir/artemis.pid")
    if kill -0 "$pid" 2>/dev/null; then
        kill "-$signal" "$pid"
        for _ in $(seq 1 150); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    fi
    rm -f "$dir/artemis.pid"
}

case "${1:-}" in
install) install ;;
create) shift; create "$@" ;;
start) start "$2" ;;
stop) stop "$2" TERM ;;
kill) stop "$2" KILL ;;
*) sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2; exit 2 ;;
esac
