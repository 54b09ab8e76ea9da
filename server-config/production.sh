#!/usr/bin/env bash
# Ferry's production shape on one machine, for trying it (README, "Operations"):
# PostgreSQL (installed from Debian's packages when missing), an Artemis primary and backup
# sharing one store, and two Ferry nodes on two ports, all on 127.0.0.1, all under DIR.
#
#   server-config/production.sh up [DIR]     # default DIR: ./production
#   server-config/production.sh down [DIR]
#
# Ports: FERRY_NODE_PORTS (8081,8082), FERRY_BROKER_PORTS (61616,61617), FERRY_PG_PORT (5433).
# The secrets every node shares (secrets key, admin token, Ferry's broker password) are
# generated once into DIR/keys, owner-only. Other FERRY_* variables (FERRY_EGRESS_ALLOW, ...)
# pass through to both nodes. Builds the bundle first if target/bundle is missing.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project=$(cd "$here/.." && pwd)
command=${1:-}
dir=${2:-./production}
IFS=',' read -r node1_port node2_port <<< "${FERRY_NODE_PORTS:-8081,8082}"
IFS=',' read -r primary_port backup_port <<< "${FERRY_BROKER_PORTS:-61616,61617}"
pg_port=${FERRY_PG_PORT:-5433}

secret() { # a generated secret kept in DIR/keys: letters and digits, or (key) base64 of 32 bytes
    local file="$dir/keys/$1"
    if [ ! -s "$file" ]; then
        (umask 077 && mkdir -p "$dir/keys" &&
            if [ "${2:-}" = key ]; then head -c 32 /dev/urandom | base64; else head -c 60 /dev/urandom | base64 | tr -dc 'A-Za-z0-9'; fi > "$file")
    fi
    tr -d '\n' < "$file"
}

up() {
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ ! -f "$project/target/bundle/start.sh" ]; then
        (cd "$project" && mvn -B -ntp -q package -DskipTests)
    fi
    bash "$here/postgresql/pg.sh" start "$dir/postgresql" "$pg_port"

    export FERRY_BROKER_INTERNAL_USER=ferry-internal
    FERRY_BROKER_INTERNAL_PASSWORD=$(secret broker-internal-password)
    export FERRY_BROKER_INTERNAL_PASSWORD
    for role in primary backup; do
        if [ ! -d "$dir/broker-$role" ]; then
            if [ "$role" = primary ]; then ports="$primary_port $backup_port"; else ports="$backup_port $primary_port"; fi
            # shellcheck disable=SC2086 # two ports
            bash "$here/artemis/broker.sh" create "$dir/broker-$role" "$role" $ports "$dir/broker-store"
        fi
        bash "$here/artemis/broker.sh" start "$dir/broker-$role"
    done

    export FERRY_DB_URL="jdbc:postgresql://127.0.0.1:$pg_port/ferry" FERRY_DB_USER=ferry FERRY_DB_PASSWORD=ferry
    export FERRY_BROKER_URL="tcp://127.0.0.1:$primary_port,tcp://127.0.0.1:$backup_port"
    FERRY_SECRETS_KEY=$(secret secrets.key key)
    FERRY_ADMIN_TOKEN=$(secret admin-token)
    export FERRY_SECRETS_KEY FERRY_ADMIN_TOKEN
    local n=0
    for port in "$node1_port" "$node2_port"; do
        n=$((n + 1))
        local node="$dir/node-$n"
        mkdir -p "$node"
        if [ -f "$node/ferry.pid" ] && kill -0 "$(cat "$node/ferry.pid")" 2>/dev/null; then
            continue
        fi
        FERRY_NODE_ID="node-$n" FERRY_DATA_DIR="$node" FERRY_HTTP_PORT="$port" \
            nohup bash "$project/target/bundle/start.sh" >> "$node/server.log" 2>&1 &
        echo $! > "$node/ferry.pid"
    done
    for port in "$node1_port" "$node2_port"; do
        for _ in $(seq 1 600); do
            if curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready"; then
                break
            fi
            sleep 0.5
        done
        curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" || { echo "node on $port not ready; see $dir/node-*/server.log" >&2; exit 1; }
    done
    echo "Ferry nodes: http://127.0.0.1:$node1_port/ and http://127.0.0.1:$node2_port/"
    echo "Admin token: $dir/keys/admin-token (ADMIN=\$(cat $dir/keys/admin-token))"
}

down() {
    [ -d "$dir" ] || return 0
    dir=$(cd "$dir" && pwd)
    # Nodes first: a gateway whose broker went away first can hang in its shutdown.
    for pidfile in "$dir"/node-*/ferry.pid; do
        [ -f "$pidfile" ] || continue
        pid=$(cat "$pidfile")
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid"
            for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
            kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
        fi
        rm -f "$pidfile"
    done
    for role in backup primary; do
        [ -d "$dir/broker-$role" ] && bash "$here/artemis/broker.sh" stop "$dir/broker-$role"
    done
    [ -d "$dir/postgresql" ] && bash "$here/postgresql/pg.sh" stop "$dir/postgresql"
    return 0
}

case "$command" in
up) up ;;
down) down ;;
*) sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2; exit 2 ;;
esac
