#!/usr/bin/env bash
# Starts Ferry on WildFly (issue 17), the twin of start.sh (Payara Micro): the same WAR, the same
# FERRY_* variables (ferry-env.sh), the same data directory layout. The server is the one
# server-config/wildfly/wildfly.sh install provisions (target/wildfly, or FERRY_WILDFLY_HOME),
# with Ferry's wiring already applied (ferry.cli); this script gives it its per-start settings.
#
# WildFly's own state lives under $data/wildfly (jboss.server.base.dir): transaction logs, the
# broker's journal, logs. Its configuration and deployment are declared anew from the installation
# and the bundle at every start, as start.sh does for Payara. FERRY_MANAGEMENT_PORT (9990) moves
# WildFly's management interface, which two nodes on one machine need.
#
# The JVM is exec'd so that this script's PID is the server's (standalone.sh does not exec: it
# runs the JVM as a child in a restart loop, and a kill -9 of it would leave the server running).
set -euo pipefail
bundle=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
home=${FERRY_WILDFLY_HOME:-$bundle/../wildfly}
if [ ! -f "$home/jboss-modules.jar" ]; then
    echo "No WildFly at $home: provision it with server-config/wildfly/wildfly.sh install (or set FERRY_WILDFLY_HOME)" >&2
    exit 2
fi
home=$(cd "$home" && pwd)
# shellcheck source=../ferry-env.sh
source "$bundle/ferry-env.sh"

base="$data/wildfly"
rm -rf "$base/configuration" "$base/deployments" "$base/tmp"
mkdir -p "$base/deployments" "$base/data" "$base/log"
cp -r "$home/standalone/configuration" "$base/configuration"
cp "$bundle/ferry.war" "$base/deployments/ferry.war"

# The broker's accounts (ferry.cli: the FerryBroker realm), owner-only; checked as BrokerAccounts
# checks them on Payara.
if [ -n "${FERRY_BROKER_USER:-}" ] && [ "$FERRY_BROKER_USER" = "$FERRY_BROKER_INTERNAL_USER" ]; then
    echo "FERRY_BROKER_USER may not be Ferry's internal broker user" >&2
    exit 2
fi
(
    umask 077
    {
        echo "$FERRY_BROKER_INTERNAL_USER=$FERRY_BROKER_INTERNAL_PASSWORD"
        if [ -n "${FERRY_BROKER_USER:-}" ]; then
            echo "$FERRY_BROKER_USER=${FERRY_BROKER_PASSWORD:?FERRY_BROKER_USER needs FERRY_BROKER_PASSWORD}"
        fi
    } > "$base/configuration/ferry-broker-users.properties"
    {
        echo "$FERRY_BROKER_INTERNAL_USER=ferry-internal"
        if [ -n "${FERRY_BROKER_USER:-}" ]; then
            echo "$FERRY_BROKER_USER=ferry-producer"
        fi
    } > "$base/configuration/ferry-broker-roles.properties"
)

# The database (ferry.cli: FerryDS): its password reaches the server as a variable, never on the
# command line.
if [ -n "${FERRY_DB_URL:-}" ]; then
    jdbc_driver=postgresql
    jdbc_url=$FERRY_DB_URL
    jdbc_user=$FERRY_DB_USER
    export FERRY_JDBC_PASSWORD=$FERRY_DB_PASSWORD
else
    jdbc_driver=h2
    jdbc_url="jdbc:h2:$data/db/ferry;WRITE_DELAY=0;LOCK_TIMEOUT=10000"
    jdbc_user=ferry
    export FERRY_JDBC_PASSWORD=ferry
fi

# The broker: WildFly's own on FERRY_BROKER_PORT, reached by ferry-ra over loopback; or the
# brokers of FERRY_BROKER_URL, for which WildFly's own is removed from this start's
# configuration and ferry-ra gets one connector per broker (offline, before the server starts).
broker_ha=false
ra_host=127.0.0.1
ra_port=$broker_port
if [ ${#broker_hosts[@]} -gt 0 ]; then
    broker_ha=true
    ra_host=${broker_hosts[0]}
    ra_port=${broker_ports[0]}
    cli="$base/configuration/external-broker.cli"
    {
        echo "embed-server --server-config=standalone.xml --std-out=discard"
        echo "/subsystem=ee/service=default-bindings:undefine-attribute(name=jms-connection-factory)"
        echo "/subsystem=messaging-activemq/server=default:remove"
        echo "/socket-binding-group=standard-sockets/socket-binding=ferry-broker:remove"
        connectors=ferry-broker-1
        for ((i = 1; i < ${#broker_hosts[@]}; i++)); do
            name="ferry-broker-$((i + 1))"
            echo "/socket-binding-group=standard-sockets/remote-destination-outbound-socket-binding=$name:add(host=${broker_hosts[$i]},port=${broker_ports[$i]})"
            echo "/subsystem=messaging-activemq/remote-connector=$name:add(socket-binding=$name)"
            connectors+=",$name"
        done
        echo "/subsystem=messaging-activemq/pooled-connection-factory=ferry-ra:write-attribute(name=connectors,value=[$connectors])"
        echo "stop-embedded-server"
    } > "$cli"
    JAVA_OPTS="-Djboss.server.base.dir=$base" "$home/bin/jboss-cli.sh" --file="$cli" >"$base/log/external-broker-cli.log" 2>&1 || {
        echo "configuring the external broker failed; see $base/log/external-broker-cli.log" >&2
        exit 1
    }
fi

# One transaction-manager identity per node (at most 23 bytes): nodes sharing a database must
# not take each other's transactions for their own during recovery; a node keeps its own across
# restarts (its name, FERRY_NODE_ID or the host's). HTTP listens on loopback, WildFly's default,
# unless FERRY_HTTP_HOST names another address (0.0.0.0: all).
node=${FERRY_NODE_ID:-$(hostname)}
tx_node_id=$(printf '%s' "$node" | tr -c 'A-Za-z0-9._-' '-' | cut -c1-23)

GREP=grep
JAVA=java
set +eu # WildFly's own script reads unset variables and lets commands fail
# shellcheck source=/dev/null
source "$home/bin/common.sh"
setDefaultModularJvmOptions
set -eu
# The heap: WildFly keeps more of its own than Payara Micro does (its annotation index of the
# WAR alone is ~25 MiB; ~145 MiB live when idle): 640 MiB leaves Ferry the same room for request
# bodies (ferry.intake.body-bytes-in-memory) as 512 MiB does on Payara. It starts small, as on
# Payara (-Xms: see start.sh).
# java.security.egd, jdk.nio.maxCachedBufferSize, MALLOC_ARENA_MAX: see start.sh. WildFly's own Hibernate detects its JTA
# platform. broker.properties: what broker.xml sets and the messaging subsystem has no attribute
# for (populate-validated-user, min-disk-free), which Artemis reads from that file at its start.
# shellcheck disable=SC2086 # FERRY_JAVA_OPTS and the modular options are lists of options
exec java ${FERRY_JAVA_OPTS:--Xms64m -Xmx640m -XX:+UseSerialGC} $DEFAULT_MODULAR_JVM_OPTIONS \
    -Djava.security.egd=file:/dev/./urandom \
    -Djdk.nio.maxCachedBufferSize=262144 \
    -Djava.net.preferIPv4Stack=true \
    -Djava.awt.headless=true \
    -Djboss.modules.system.pkgs=org.jboss.byteman \
    -Dorg.jboss.boot.log.file="$base/log/server.log" \
    -Dlogging.configuration="file:$base/configuration/logging.properties" \
    -jar "$home/jboss-modules.jar" \
    -mp "$home/modules" \
    org.jboss.as.standalone \
    -Djboss.home.dir="$home" \
    -Djboss.server.base.dir="$base" \
    -Djboss.bind.address="${FERRY_HTTP_HOST:-127.0.0.1}" \
    -Djboss.http.port="$port" \
    -Djboss.management.http.port="${FERRY_MANAGEMENT_PORT:-9990}" \
    -Djboss.tx.node.id="$tx_node_id" \
    -Dbroker.properties="$base/configuration/ferry-broker.properties" \
    -Dferry.data.dir="$data" \
    -Dferry.jdbc.driver="$jdbc_driver" \
    -Dferry.jdbc.url="$jdbc_url" \
    -Dferry.jdbc.user="$jdbc_user" \
    -Dferry.broker.host="$broker_host" \
    -Dferry.broker.port="$broker_port" \
    -Dferry.broker.host-1="$ra_host" \
    -Dferry.broker.port-1="$ra_port" \
    -Dferry.broker.ha="$broker_ha"
