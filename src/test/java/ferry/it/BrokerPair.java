package ferry.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The external Artemis broker pair of the production tier ({@code ferry.it.broker=pair}): a
 * primary and a backup sharing one store, each an instance made by {@code artemis create} and
 * run by {@code bin/artemis run} through {@code server-config/artemis/broker.sh} (the script
 * operators may use too), on free loopback ports. Stopped after the gateways when the test JVM
 * exits.
 */
final class BrokerPair {

    static final String INTERNAL_USER = "ferry-internal";
    static final String INTERNAL_PASSWORD = "it-internal-broker-password-7";

    private final Path script;
    private final Path primary;
    private final Path backup;
    private final int primaryPort;
    private final int backupPort;

    private BrokerPair(Path script, Path dir) {
        this.script = script;
        this.primary = dir.resolve("primary");
        this.backup = dir.resolve("backup");
        this.primaryPort = Gateway.freePort();
        this.backupPort = Gateway.freePort();
    }

    /** Whether this test JVM's gateways use an external broker pair rather than the embedded broker. */
    static boolean wanted() {
        return "pair".equals(System.getProperty("ferry.it.broker", "embedded"));
    }

    static BrokerPair start(Path dir) {
        Path project = Path.of(System.getProperty("ferry.project.dir", "."));
        BrokerPair pair = new BrokerPair(project.resolve("server-config/artemis/broker.sh"), dir.toAbsolutePath());
        Scripts.deleteTree(dir); // a fresh pair: no journal of an earlier run
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path store = dir.toAbsolutePath().resolve("store");
        pair.run("create", pair.primary.toString(), "primary", Integer.toString(pair.primaryPort),
                Integer.toString(pair.backupPort), store.toString());
        pair.run("create", pair.backup.toString(), "backup", Integer.toString(pair.backupPort),
                Integer.toString(pair.primaryPort), store.toString());
        pair.run("start", pair.primary.toString());
        pair.run("start", pair.backup.toString());
        return pair;
    }

    /** What a gateway is started with to use this pair (CONTRACT.md §1). */
    Map<String, String> env() {
        return Map.of("FERRY_BROKER_URL", "tcp://127.0.0.1:" + primaryPort + ",tcp://127.0.0.1:" + backupPort,
                "FERRY_BROKER_INTERNAL_USER", INTERNAL_USER,
                "FERRY_BROKER_INTERNAL_PASSWORD", INTERNAL_PASSWORD);
    }

    /** The primary crashes ({@code kill -9}); the backup takes over the store. */
    void killPrimary() {
        run("kill", primary.toString());
    }

    /** Both crash: no broker at all until {@link #startPrimary}. */
    void killBoth() {
        run("kill", backup.toString());
        run("kill", primary.toString());
    }

    /** The primary starts again and, the backup being live, takes the store back (fail-back). */
    void startPrimary() {
        run("start", primary.toString());
    }

    /** The backup starts again (after {@link #killBoth}), waiting for the primary to fail. */
    void startBackup() {
        run("start", backup.toString());
    }

    /** Whether the backup's log says it has become live (after a failover). */
    boolean backupHasBeenLive() {
        try {
            return Files.readString(backup.resolve("log/artemis.log")).contains("AMQ221010");
        } catch (IOException e) {
            return false;
        }
    }

    void stop() {
        run("stop", backup.toString());
        run("stop", primary.toString());
    }

    private void run(String... args) {
        Map<String, String> env = new java.util.HashMap<>(env());
        env.put("FERRY_BROKER_USER", Gateway.JMS_USER);
        env.put("FERRY_BROKER_PASSWORD", Gateway.JMS_PASSWORD);
        Scripts.run(script, env, args);
    }
}
