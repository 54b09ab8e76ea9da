package ferry.platform.boundary;

import ferry.platform.control.BrokerAccounts;
import ferry.platform.control.DataDirectory;
import ferry.platform.control.LocalBroker;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts the embedded Artemis broker of the default installation (configuration in
 * {@code server-config/artemis/broker.xml}, journal under the data directory). The resource
 * adapter reaches it over loopback TCP, exactly as it would reach an external broker, so turning
 * this off ({@code ferry.broker.embedded=false}) is all a production installation needs.
 * Security is on: only Ferry's own account and the configured producer account get in
 * ({@link BrokerAccounts}; what each may do is in broker.xml).
 */
@Startup
@Singleton
@LocalBean // injected as itself (readiness, tests) ...
@Local(LocalBroker.class) // ... and as LocalBroker (readiness)
public class EmbeddedBroker implements LocalBroker {

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class.getName());

    @Inject
    @ConfigProperty(name = "ferry.broker.embedded", defaultValue = "true")
    boolean embedded;

    @Inject
    DataDirectory data;

    /** Ferry's own broker account (the resource adapter's); start.sh generates it into the data directory. */
    @Inject
    @ConfigProperty(name = "ferry.broker.internal-user", defaultValue = "ferry-internal")
    String internalUser;

    @Inject
    @ConfigProperty(name = "ferry.broker.internal-password")
    Optional<String> internalPassword;

    /** The account of JMS producers (send to ferry.intake only); none if unset. */
    @Inject
    @ConfigProperty(name = "ferry.broker.user")
    Optional<String> producerUser;

    @Inject
    @ConfigProperty(name = "ferry.broker.password")
    Optional<String> producerPassword;

    private EmbeddedActiveMQ broker;

    @PostConstruct
    void start() {
        if (!embedded) {
            LOG.info("Embedded broker disabled: using the broker the resource adapter is configured for");
            return;
        }
        // broker.xml refers to ${ferry.data.dir}; make sure the absolute location is what it sees.
        System.setProperty("ferry.data.dir", data.root().toString());
        try {
            broker = new EmbeddedActiveMQ().setConfigResourcePath("ferry/broker.xml")
                    .setSecurityManager(new BrokerAccounts(internalUser, internalPassword.orElse(null),
                            producerUser.map(user -> Map.entry(user, producerPassword.orElse("")))));
            broker.start();
            LOG.info("Embedded broker started, journal in " + data.root().resolve("broker"));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the embedded broker", e);
        }
    }

    /** The running broker, if this node embeds one (for readiness checks and tests). */
    public ActiveMQServer server() {
        return broker == null ? null : broker.getActiveMQServer();
    }

    @Override
    public OptionalInt consumers(String queue) {
        var located = broker == null ? null : broker.getActiveMQServer().locateQueue(queue);
        return located == null ? OptionalInt.empty() : OptionalInt.of(located.getConsumerCount());
    }

    @Override
    public boolean isActive() {
        return broker != null && broker.getActiveMQServer().isActive();
    }

    @Override
    public boolean isEmbedded() {
        return embedded;
    }

    /**
     * The broker is deliberately not stopped with the application: the resource adapter is
     * shut down after the WAR, and with its broker gone it spends a minute in failing call
     * time-outs (FIELD-NOTES). It stops with the JVM instead; every message it acknowledged is
     * already synced to the journal, so that is no different from the crash it must survive.
     */
    @PreDestroy
    void leaveRunning() {
        LOG.fine("Embedded broker left to stop with the JVM");
    }
}
