# Sourced by both launchers (payara/start.sh and wildfly/start-wildfly.sh): the FERRY_* variables
# every server reads the same way (README, "Configuration"). Sets, for the launcher:
#   data                      the data directory (absolute; created)
#   port, broker_host, broker_port
#   broker_hosts, broker_ports arrays of the external brokers of FERRY_BROKER_URL (empty: embedded)
# and exports FERRY_BROKER_INTERNAL_USER / _PASSWORD (generated once into the data directory
# unless given) and, with FERRY_DB_URL, FERRY_DB_USER / _PASSWORD. Exits 2 on a bad setting.

data=${FERRY_DATA_DIR:-./data}
mkdir -p "$data"
data=$(cd "$data" && pwd)
port=${FERRY_HTTP_PORT:-8080}
broker_port=${FERRY_BROKER_PORT:-61616}
broker_host=${FERRY_BROKER_HOST:-127.0.0.1}

# The database: H2 under the data directory, or PostgreSQL when FERRY_DB_URL is set.
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
fi

# The broker: the embedded one on FERRY_BROKER_PORT, or the brokers of FERRY_BROKER_URL
# (tcp://host:port[,tcp://host:port]: a primary and its backup, or one broker).
broker_hosts=()
broker_ports=()
if [ -n "${FERRY_BROKER_URL:-}" ]; then
    IFS=',' read -ra brokers <<< "$(echo "$FERRY_BROKER_URL" | tr -d '() ')"
    for broker in "${brokers[@]}"; do
        if [[ ! "$broker" =~ ^tcp://([^:/?]+):([0-9]+)/?$ ]]; then
            echo "FERRY_BROKER_URL: '$broker' is not tcp://host:port" >&2
            exit 2
        fi
        broker_hosts+=("${BASH_REMATCH[1]}")
        broker_ports+=("${BASH_REMATCH[2]}")
    done
fi

# Ferry's own broker account, used by the resource adapter and accepted by the embedded broker.
# Generated once into the data directory, owner-only, unless given; never on the command line
# (ps would show it).
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

# glibc gives each thread that allocates its own malloc arena (up to 8 per core); with the
# forwarders' sender threads that grew the resident size by hundreds of MiB (issue 6). Two suffice.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
