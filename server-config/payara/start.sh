#!/usr/bin/env bash
# Starts Ferry on Payara Micro with the embedded defaults (CONTRACT.md §1):
# H2 and the Artemis journal under the data directory, Payara's own state (transaction logs)
# there too, HTTP on FERRY_HTTP_PORT (8080) at context root /.
# The JVM is exec'd so that this script's PID is the server's.
set -euo pipefail
bundle=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
data=${FERRY_DATA_DIR:-./data}
mkdir -p "$data"
data=$(cd "$data" && pwd)
port=${FERRY_HTTP_PORT:-8080}
broker_port=${FERRY_BROKER_PORT:-61616}
broker_host=${FERRY_BROKER_HOST:-127.0.0.1}
# Ferry's own broker account, used by the resource adapter (its pool is created after boot from
# these variables: ferry-resources.xml) and accepted by the embedded broker. Generated once into
# the data directory, owner-only, unless given; never on the command line (ps would show it).
export FERRY_BROKER_INTERNAL_USER=${FERRY_BROKER_INTERNAL_USER:-ferry-internal}
if [ -n "${FERRY_BROKER_URL:-}" ] && [ -z "${FERRY_BROKER_INTERNAL_PASSWORD:-}" ]; then
    echo "FERRY_BROKER_URL names an external broker: give Ferry's account on it in FERRY_BROKER_INTERNAL_USER / FERRY_BROKER_INTERNAL_PASSWORD" >&2
    exit 2
fi
if [ -z "${FERRY_BROKER_INTERNAL_PASSWORD:-}" ]; then
    secret="$data/keys/broker-internal-password"
    if [ ! -s "$secret" ]; then
        mkdir -p "$data/keys"
        chmod 700 "$data/keys"
        (umask 077 && head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$secret.tmp" && mv "$secret.tmp" "$secret")
    fi
    FERRY_BROKER_INTERNAL_PASSWORD=$(cat "$secret")
    export FERRY_BROKER_INTERNAL_PASSWORD
fi
# Payara Micro records deployed applications and resources in its root directory and would
# bring stale copies back next to the fresh ones; the bundle declares them anew at every start.
# Only the transaction logs (payara/logs) are state worth keeping across restarts.
rm -rf "$data/payara/config" "$data/payara/applications" "$data/payara/generated" "$data/payara/osgi-cache"
# glibc gives each thread that allocates its own malloc arena (up to 8 per core); with the
# forwarders' sender threads that grew the resident size by hundreds of MiB (issue 6). Two suffice.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
# java.security.egd: with the default seed source every UUID (Payara starts a trace span with
# one per HTTP request; Ferry ids are UUIDs) reads /dev/urandom under one JVM-wide lock
# (NativePRNG), which HTTP threads queued on under load (issue 6 profile). Any other spelling of
# the source makes the JDK's default SecureRandom DRBG, seeded once from the OS: no per-call read.
# Hibernate's JTA platform is the server's to name (persistence.xml stays portable): Payara's
# is SunOne's, which Hibernate does not detect by itself.
# The database: H2 under the data directory, or PostgreSQL when FERRY_DB_URL is set (then its
# driver joins the server's class path and the post-boot commands add its pool instead of H2's).
post_boot="$bundle/post-boot.asadmin"
extra_libs=()
if [ -n "${FERRY_DB_URL:-}" ]; then
    case "$FERRY_DB_URL" in
    jdbc:postgresql:*) ;;
    *) echo "FERRY_DB_URL must be a jdbc:postgresql: URL (H2 is the default without it)" >&2; exit 2 ;;
    esac
    # A shared database holds secrets sealed with the key and is administered with the token:
    # every node needs the same two, and they must outlive any one node's disk.
    if [ -z "${FERRY_SECRETS_KEY:-}" ] || [ -z "${FERRY_ADMIN_TOKEN:-}" ]; then
        echo "FERRY_DB_URL: give every node the same FERRY_SECRETS_KEY (base64 of 32 random bytes) and FERRY_ADMIN_TOKEN" >&2
        exit 2
    fi
    export FERRY_DB_USER=${FERRY_DB_USER:-ferry}
    export FERRY_DB_PASSWORD=${FERRY_DB_PASSWORD:-}
    mkdir -p "$data/payara"
    post_boot="$data/payara/post-boot-postgresql.asadmin"
    sed 's|/ferry-db-h2\.xml$|/ferry-db-postgresql.xml|' "$bundle/post-boot.asadmin" > "$post_boot"
    extra_libs=(--addlibs "$bundle/postgresql.jar")
fi
# The broker: the embedded one on FERRY_BROKER_PORT, or the brokers of FERRY_BROKER_URL
# (tcp://host:port[,tcp://host:port]: a primary and its backup, or one broker), which turns the
# embedded one off. The resource adapter gets one connector per broker (ferry-resources.xml).
netty=org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory
connectors=$netty
connection_parameters="host=127.0.0.1;port=$broker_port"
broker_ha=false
if [ -n "${FERRY_BROKER_URL:-}" ]; then
    export FERRY_BROKER_EMBEDDED=false
    connectors=
    connection_parameters=
    IFS=',' read -ra brokers <<< "$(echo "$FERRY_BROKER_URL" | tr -d '() ')"
    for broker in "${brokers[@]}"; do
        if [[ ! "$broker" =~ ^tcp://([^:/?]+):([0-9]+)/?$ ]]; then
            echo "FERRY_BROKER_URL: '$broker' is not tcp://host:port" >&2
            exit 2
        fi
        connectors+="${connectors:+,}$netty"
        connection_parameters+="${connection_parameters:+,}host=${BASH_REMATCH[1]};port=${BASH_REMATCH[2]}"
    done
    broker_ha=true
fi
# shellcheck disable=SC2086 # FERRY_JAVA_OPTS is a list of options
exec java ${FERRY_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC} \
    -Djava.security.egd=file:/dev/./urandom \
    -Dhibernate.transaction.jta.platform=org.hibernate.engine.transaction.jta.platform.internal.SunOneJtaPlatform \
    -Dferry.data.dir="$data" \
    -Dferry.broker.port="$broker_port" \
    -Dferry.broker.host="$broker_host" \
    -Dferry.broker.connectors="$connectors" \
    -Dferry.broker.connection-parameters="$connection_parameters" \
    -Dferry.broker.ha="$broker_ha" \
    -jar "$bundle/payara-micro.jar" \
    --nocluster \
    --rootdir "$data/payara" \
    --port "$port" \
    --prebootcommandfile "$bundle/pre-boot.asadmin" \
    --postbootcommandfile "$post_boot" \
    "${extra_libs[@]}" \
    --deploy "$bundle/ferry.war" \
    --contextroot /
