#!/usr/bin/env bash
# A PostgreSQL server of Ferry's own, for tests and for trying the production shape on one
# machine (never a system-wide cluster): installed from Debian's packages when missing, its data
# in a directory of the caller's, listening on 127.0.0.1 only.
#
#   pg.sh install          install PostgreSQL from Debian's packages if it is not there
#   pg.sh start DIR PORT   initialise DIR if new, start, and create the role and database ferry
#   pg.sh stop DIR         stop the server whose data is in DIR (fast shutdown)
#
# Settings "durable" assumes (docs/operations): synchronous_commit=on (the default, set anyway),
# fsync on; idle_in_transaction_session_timeout so that a stuck session cannot hold back vacuum
# of the hot forward_request table. Runs as root by handing the server to the postgres user.
set -euo pipefail
cmd=${1:?install|start|stop}

bin() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    if [ -z "$found" ]; then
        echo "PostgreSQL not found: installing it from Debian's packages" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
        found=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    fi
    echo "$found"
}

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# The data directory as the server will use it. As root the server runs as postgres, which must
# reach it: a directory under one it cannot enter (a mktemp -d is 700) is placed in /var/tmp
# instead, DIR becoming a link to it; a DIR that does not exist yet always starts afresh.
placed() {
    local want=$1 real
    if [ -e "$want" ]; then
        readlink -f "$want"
        return
    fi
    mkdir -p "$(dirname "$want")"
    want="$(cd "$(dirname "$want")" && pwd)/$(basename "$want")"
    if [ "$(id -u)" != 0 ]; then
        mkdir -p "$want" && echo "$want"
        return
    fi
    if runuser -u postgres -- test -x "$(dirname "$want")"; then
        mkdir -p "$want" && chown postgres "$want" && echo "$want"
        return
    fi
    real=/var/tmp/ferry-postgresql/$(echo "$want" | sha1sum | cut -c1-16)
    rm -rf "$real" && mkdir -p "$real" && chown postgres "$real" && chmod 700 "$real"
    ln -s "$real" "$want"
    echo "$real"
}

case "$cmd" in
install)
    bin > /dev/null
    ;;
start)
    dir=${2:?data directory}
    port=${3:?port}
    pgbin=$(bin)
    dir=$(placed "$dir")
    if [ ! -f "$dir/PG_VERSION" ]; then
        as_owner "$pgbin/initdb" -D "$dir" -U postgres -A trust -E UTF8 > "$dir.initdb.log"
        cat >> "$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
synchronous_commit = on
fsync = on
idle_in_transaction_session_timeout = '60s'
max_connections = 200
CONF
    fi
    as_owner "$pgbin/pg_ctl" -D "$dir" -o "-p $port" -l "$dir/server.log" -w -t 60 start > /dev/null
    psql=( "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA )
    if [ "$("${psql[@]}" -c "select 1 from pg_roles where rolname = 'ferry'")" != 1 ]; then
        "${psql[@]}" -c "create role ferry login password 'ferry'"
        "${psql[@]}" -c "create database ferry owner ferry"
    fi
    ;;
stop)
    dir=${2:?data directory}
    [ -e "$dir" ] || exit 0
    dir=$(readlink -f "$dir")
    pgbin=$(bin)
    as_owner "$pgbin/pg_ctl" -D "$dir" -m fast -w stop > /dev/null || true
    ;;
*) echo "usage: pg.sh install | start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
