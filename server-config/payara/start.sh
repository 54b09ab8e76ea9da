#!/usr/bin/env bash
# Starts Ferry on Payara Micro with the embedded defaults (CONTRACT.md §1):
# H2 and the Artemis journal under the data directory, Payara's own state (transaction logs)
# there too, HTTP on FERRY_HTTP_PORT (8080) at context root /.
# The JVM is exec'd so that this script's PID is the server's.
set -euo pipefail
bundle=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../ferry-env.sh
source "$bundle/ferry-env.sh"
# Payara Micro records deployed applications and resources in its root directory and would
# bring stale copies back next to the fresh ones; the bundle declares them anew at every start.
# Only the transaction logs (payara/logs) are state worth keeping across restarts.
rm -rf "$data/payara/config" "$data/payara/applications" "$data/payara/generated" "$data/payara/osgi-cache"
# java.security.egd: with the default seed source every UUID (Payara starts a trace span with
# one per HTTP request; Ferry ids are UUIDs) reads /dev/urandom under one JVM-wide lock
# (NativePRNG), which HTTP threads queued on under load (issue 6 profile). Any other spelling of
# the source makes the JDK's default SecureRandom DRBG, seeded once from the OS: no per-call read.
# jdk.nio.maxCachedBufferSize: a thread that writes a heap buffer to a file keeps a direct
# buffer of that size for the next write; H2 writes each commit's pages so, from every thread
# that commits, which kept about 70 MiB of native memory outside the heap (issue 18
# native-memory breakdown). Larger writes now take a fresh buffer.
# Hibernate's JTA platform is the server's to name (persistence.xml stays portable): Payara's
# is SunOne's, which Hibernate does not detect by itself.
# --nohazelcast: one node needs no Payara cluster, and nodes share work through the database and
# the broker, never through Hazelcast; --nocluster still started Hazelcast (issue 18 start-up
# measurement). Ferry's timers are not persistent, so Payara's timer store is never used.
# --disablephonehome: no call home from the server.
# The database: H2 under the data directory, or PostgreSQL when FERRY_DB_URL is set (then its
# driver joins the server's class path and the post-boot commands add its pool instead of H2's).
post_boot="$bundle/post-boot.asadmin"
extra_libs=()
if [ -n "${FERRY_DB_URL:-}" ]; then
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
if [ ${#broker_hosts[@]} -gt 0 ]; then
    export FERRY_BROKER_EMBEDDED=false
    connectors=
    connection_parameters=
    for i in "${!broker_hosts[@]}"; do
        connectors+="${connectors:+,}$netty"
        connection_parameters+="${connection_parameters:+,}host=${broker_hosts[$i]};port=${broker_ports[$i]}"
    done
    broker_ha=true
fi
# The heap (FERRY_JAVA_OPTS replaces these): at most 512 MiB, starting small. Without -Xms the JVM
# commits 1/64 of the machine's memory at once (384 MiB of 24 GiB here), resident before the
# first request (issue 18 native-memory breakdown: the heap committed when ready fell from 387 MiB
# to 225 MiB with it).
# shellcheck disable=SC2086 # FERRY_JAVA_OPTS is a list of options
exec java ${FERRY_JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC} \
    -Djava.security.egd=file:/dev/./urandom \
    -Djdk.nio.maxCachedBufferSize=262144 \
    -Dhibernate.transaction.jta.platform=org.hibernate.engine.transaction.jta.platform.internal.SunOneJtaPlatform \
    -Dferry.data.dir="$data" \
    -Dferry.broker.port="$broker_port" \
    -Dferry.broker.host="$broker_host" \
    -Dferry.broker.connectors="$connectors" \
    -Dferry.broker.connection-parameters="$connection_parameters" \
    -Dferry.broker.ha="$broker_ha" \
    -jar "$bundle/payara-micro.jar" \
    --nohazelcast \
    --disablephonehome \
    --rootdir "$data/payara" \
    --port "$port" \
    --prebootcommandfile "$bundle/pre-boot.asadmin" \
    --postbootcommandfile "$post_boot" \
    "${extra_libs[@]}" \
    --deploy "$bundle/ferry.war" \
    --contextroot /
