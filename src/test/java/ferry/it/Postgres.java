package ferry.it;

import java.nio.file.Path;
import java.util.Map;

/**
 * A PostgreSQL server for the PostgreSQL tier of the black-box suite ({@code ferry.it.db=postgresql}):
 * started by {@code server-config/postgresql/pg.sh} (the script operators may use too), with
 * its data under the test data directory and on a free loopback port, and stopped after the
 * gateway when the test JVM exits.
 */
final class Postgres {

    private static final String SECRETS_KEY = randomKey();

    private final Path script;
    private final Path dir;
    private final int port;

    private Postgres(Path script, Path dir, int port) {
        this.script = script;
        this.dir = dir;
        this.port = port;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    /** Whether this test JVM's gateway runs on PostgreSQL rather than the embedded H2. */
    static boolean wanted() {
        return "postgresql".equals(System.getProperty("ferry.it.db", "h2"));
    }

    static Postgres start(Path dir) {
        Path project = Path.of(System.getProperty("ferry.project.dir", "."));
        Postgres server = new Postgres(project.resolve("server-config/postgresql/pg.sh"), dir.toAbsolutePath(),
                Gateway.freePort());
        server.run("start", server.dir.toString(), Integer.toString(server.port));
        return server;
    }

    /** What the gateway is started with to use this server (CONTRACT.md §1). */
    Map<String, String> env() {
        return Map.of("FERRY_DB_URL", "jdbc:postgresql://127.0.0.1:" + port + "/ferry",
                "FERRY_DB_USER", "ferry",
                "FERRY_DB_PASSWORD", "ferry",
                // Every node of a shared database has the same key (start.sh insists).
                "FERRY_SECRETS_KEY", SECRETS_KEY);
    }

    void stop() {
        run("stop", dir.toString());
    }

    /** Starts it again on the same data and port (after {@link #stop}: an outage's end). */
    void startAgain() {
        run("start", dir.toString(), Integer.toString(port));
    }

    private void run(String... args) {
        Scripts.run(script, Map.of(), args);
    }
}
