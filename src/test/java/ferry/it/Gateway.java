package ferry.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as users run it: the built bundle started by its own {@code start.sh} as a child
 * process, on a free port, with a fresh data directory. Started once per test JVM and shared by
 * all black-box tests (a start costs ~30 s); stopped when the JVM exits. On WildFly
 * ({@code -Dferry.it.server=wildfly}) the same WAR is started by {@code start-wildfly.sh} on the
 * server {@code server-config/wildfly/wildfly.sh install} provisions.
 */
public final class Gateway {

    public static final String ADMIN_TOKEN = "it-admin-token-0123456789";
    /** The JMS producer account of the shared gateway's broker (FERRY_BROKER_USER / _PASSWORD). */
    public static final String JMS_USER = "it-producer";
    public static final String JMS_PASSWORD = "it-producer-password-42";

    /** Ports (declared before the origin ports below, which use it): handed out by {@link #freePort()} in this JVM: each once. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static Gateway shared;

    /** The server the WAR runs on: {@code payara} (the default) or {@code wildfly}. */
    static final String SERVER = System.getProperty("ferry.it.server", "payara");

    /**
     * Ports for stub origins, chosen before the gateway starts: the egress guard stays on in the
     * tests and allows exactly these loopback ports (FERRY_EGRESS_ALLOW), nothing else.
     */
    private static final java.util.Deque<Integer> ORIGIN_PORTS = new java.util.ArrayDeque<>();
    private static final String EGRESS_ALLOW;

    static {
        StringBuilder allow = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            int port = freePort();
            ORIGIN_PORTS.add(port);
            allow.append(allow.length() == 0 ? "" : ",").append("127.0.0.1:").append(port);
        }
        EGRESS_ALLOW = allow.toString();
    }

    /** A loopback port the gateway may forward to (free when handed out). */
    public static synchronized int originPort() {
        if (ORIGIN_PORTS.isEmpty()) {
            throw new IllegalStateException("all stub origin ports are in use; raise the pool size");
        }
        return ORIGIN_PORTS.poll();
    }

    private final Path bundle = Path.of(System.getProperty("ferry.bundle", "target/bundle"));
    private final Path data;
    private final Map<String, String> env;
    private final int port;
    private final int brokerPort;
    private final int managementPort;
    private Process process;
    /** Every readiness answer seen while the last start was awaited, in order. */
    private final java.util.List<Probe> probes = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A {@code /health/ready} answer during a start. */
    public record Probe(int status, String body) {
    }

    private Gateway(Path data, Map<String, String> extraEnv) {
        this.data = data;
        this.port = freePort();
        this.brokerPort = freePort();
        this.managementPort = freePort();
        this.env = new java.util.HashMap<>(extraEnv);
    }

    private static OtlpReceiver traces;
    private static Postgres postgres;
    private static BrokerPair brokers;
    private static volatile Gateway secondNode;

    /** The external broker pair of the production tier; null with the embedded broker. */
    static synchronized BrokerPair brokers() {
        shared();
        return brokers;
    }

    /**
     * A second node of the production tier (several nodes: issue 16), started on first use: the
     * shared gateway's configuration, its own port, data directory and node id, the same
     * database and brokers. Stopped when the JVM exits.
     */
    static synchronized Gateway secondNode() {
        Gateway first = shared();
        if (!BrokerPair.wanted() || postgres == null) {
            throw new IllegalStateException("several nodes need the production tier (PostgreSQL and the broker pair)");
        }
        if (secondNode == null) {
            Path root = Path.of(System.getProperty("ferry.it.data", "target/it-data"));
            secondNode = new Gateway(root.resolve("blackbox-node-2"), first.env);
            secondNode.env.put("FERRY_NODE_ID", "it-node-2");
            secondNode.wipeData();
            secondNode.start();
        }
        return secondNode;
    }

    /** The PostgreSQL server of the PostgreSQL tier; null on H2. */
    static synchronized Postgres postgres() {
        shared();
        return postgres;
    }

    /** The OTLP receiver the shared gateway exports its spans to. */
    public static synchronized OtlpReceiver traces() {
        shared();
        return traces;
    }

    /** The gateway shared by the black-box tests (started on first use). */
    public static synchronized Gateway shared() {
        if (shared == null) {
            Path root = Path.of(System.getProperty("ferry.it.data", "target/it-data"));
            Path data = root.resolve(onWildFly() ? "blackbox-wildfly" : Postgres.wanted() ? "blackbox-postgresql" : "blackbox");
            if (onWildFly()) { // provisioned once per machine and recipe; a no-op after that
                Scripts.run(Path.of(System.getProperty("ferry.project.dir", ".")).resolve("server-config/wildfly/wildfly.sh"),
                        Map.of(), "install");
            }
            traces = new OtlpReceiver();
            postgres = Postgres.wanted() ? Postgres.start(root.resolve("postgresql")) : null;
            brokers = BrokerPair.wanted() ? BrokerPair.start(root.resolve("broker-pair")) : null;
            Map<String, String> database = postgres == null ? Map.of() : postgres.env();
            // Jitter off so that back-offs are exact; recovery and webhooks quick enough to watch in a test.
            shared = new Gateway(data, Map.ofEntries(
                    Map.entry("FERRY_RETRY_JITTER", "false"),
                    Map.entry("FERRY_RECOVERY_SWEEP_EVERY", "PT1S"),
                    Map.entry("FERRY_RECOVERY_OVERDUE_AFTER", "PT10S"),
                    Map.entry("FERRY_RECOVERY_STALE_AFTER", "PT20S"),
                    Map.entry("FERRY_FORWARDING_LEASE_MARGIN", "PT2S"),
                    // Short cool-downs: several classes script failing targets on purpose.
                    Map.entry("FERRY_FORWARDING_CIRCUIT_COOL_DOWN", "PT1S"),
                    Map.entry("FERRY_FORWARDING_CIRCUIT_MAX_COOL_DOWN", "PT2S"),
                    Map.entry("FERRY_RETENTION_PURGE_EVERY", "PT1S"),
                    // Webhooks: three quick attempts, then a long enough wait to restart the gateway in.
                    Map.entry("FERRY_CALLBACKS_SCHEDULE", "PT0S,PT1S,PT1S,PT20S"),
                    Map.entry("FERRY_CALLBACKS_JITTER", "0"),
                    Map.entry("FERRY_CALLBACKS_TIMEOUT", "PT5S"),
                    Map.entry("FERRY_JMS_REPLIES_EVERY", "PT1S"),
                    Map.entry("FERRY_BROKER_USER", JMS_USER),
                    Map.entry("FERRY_BROKER_PASSWORD", JMS_PASSWORD),
                    Map.entry("FERRY_EGRESS_ALLOW", EGRESS_ALLOW),
                    // Tracing on, exported to a receiver in this JVM, quickly (TracingIT).
                    Map.entry("OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint()),
                    Map.entry("OTEL_BSP_SCHEDULE_DELAY", "100")));
            shared.env.putAll(database);
            if (brokers != null) {
                shared.env.put("FERRY_NODE_ID", "it-node-1");
                shared.env.putAll(brokers.env());
            }
            shared.wipeData();
            Gateway gateway = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> { // registered first: a failed start stops the others too
                gateway.stop();
                Gateway second = secondNode;
                if (second != null) {
                    second.stop();
                }
                if (brokers != null) {
                    brokers.stop();
                }
                if (postgres != null) {
                    postgres.stop();
                }
            }));
            shared.start();
        }
        return shared;
    }

    static boolean onWildFly() {
        return "wildfly".equals(SERVER);
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The embedded broker's port (the same across restarts). */
    public int brokerPort() {
        return brokerPort;
    }

    /** Where JMS producers reach this gateway's broker: the embedded one, or the external pair. */
    public String brokerUrl() {
        String external = env.get("FERRY_BROKER_URL");
        return external == null ? "tcp://127.0.0.1:" + brokerPort : "(" + external + ")?ha=true";
    }

    public Path dataDir() {
        return data;
    }

    public Path logFile() {
        return data.resolve("server.log");
    }

    public synchronized void start() {
        try {
            Files.createDirectories(data);
            String launcher = onWildFly() ? "start-wildfly.sh" : "start.sh";
            ProcessBuilder builder = new ProcessBuilder("bash", bundle.resolve(launcher).toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            // start.sh generates Ferry's own broker account into the data directory, as on a fresh machine.
            builder.environment().remove("FERRY_BROKER_INTERNAL_USER");
            builder.environment().remove("FERRY_BROKER_INTERNAL_PASSWORD");
            builder.environment().put("FERRY_DATA_DIR", data.toString());
            builder.environment().put("FERRY_HTTP_PORT", Integer.toString(port));
            builder.environment().put("FERRY_BROKER_PORT", Integer.toString(brokerPort));
            builder.environment().put("FERRY_MANAGEMENT_PORT", Integer.toString(managementPort));
            builder.environment().put("FERRY_ADMIN_TOKEN", ADMIN_TOKEN);
            if (!onWildFly()) { // WildFly's launcher sizes its own heap (start-wildfly.sh says why)
                builder.environment().put("FERRY_JAVA_OPTS", "-Xmx512m -XX:+UseSerialGC");
            }
            builder.environment().putAll(env);
            process = builder.start();
            awaitReady(Duration.ofSeconds(240));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A clean stop (SIGTERM), as an operator would do it; forced after 15 s, within the time the
     * test runner gives its JVM to exit, so that no server outlives the test run.
     */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A crash: {@code kill -9}, nothing gets to clean up. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** The readiness answers of the last start, from its first second on. */
    public java.util.List<Probe> probesOfLastStart() {
        return java.util.List.copyOf(probes);
    }

    private void awaitReady(Duration timeout) {
        probes.clear();
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Gateway exited with " + process.exitValue() + "; see " + logFile());
            }
            try {
                HttpResponse<String> ready = client.send(HttpRequest.newBuilder(base().resolve("health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                probes.add(new Probe(ready.statusCode(), ready.body()));
                if (ready.statusCode() == 200) {
                    return; // whether it told the truth is for the tests to judge (RestartRecoveryIT)
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(100);
        }
        throw new IllegalStateException("Gateway not ready within " + timeout + "; see " + logFile());
    }

    private void wipeData() {
        Scripts.deleteTree(data);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A loopback port that is free now and stays out of the way of outgoing connections: taken
     * below Linux's ephemeral range (32768 and up), where the kernel never picks the local port of
     * a connection. A port from the ephemeral range (port 0) was once taken, between its choice
     * and a stub origin's bind, by one of the gateway's own connections.
     */
    static int freePort() {
        int span = 32_000 - 20_000;
        int start = java.util.concurrent.ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span; i++) {
            int port = 20_000 + (start + i) % span;
            if (HANDED_OUT.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(port)) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                // in use: try the next one
            }
        }
        throw new IllegalStateException("no free loopback port between 20000 and 32000");
    }
}
