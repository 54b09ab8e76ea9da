package ferry.forwarding.pipeline;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This gateway process's identity, which owns the attempt leases it takes: the node's name
 * ({@code ferry.node.id}, else the host name) and a suffix new at every start. The suffix keeps
 * a restarted node from taking its previous life's leases for its own: those attempts died with
 * it and are the sweep's to take over.
 */
@ApplicationScoped
public class NodeIdentity {

    private static final Logger LOG = Logger.getLogger(NodeIdentity.class.getName());

    @Inject
    @ConfigProperty(name = "ferry.node.id")
    Optional<String> configured;

    private String id;

    @PostConstruct
    void init() {
        String name = nameOf(configured.orElseGet(NodeIdentity::hostName));
        byte[] start = new byte[4];
        ThreadLocalRandom.current().nextBytes(start);
        id = name + "/" + HexFormat.of().formatHex(start);
        LOG.info("Node " + name + " started as " + id);
    }

    /** This process: the node's name and its start (what a lease records). */
    public String id() {
        return id;
    }

    /**
     * A name fit for a lease owner (the column holds 64 characters, the suffix takes 9): letters,
     * digits, dot, dash and underscore, at most 48 of them; anything else becomes a dash.
     */
    static String nameOf(String wanted) {
        String cleaned = wanted.strip().replaceAll("[^A-Za-z0-9._-]", "-");
        if (cleaned.isEmpty()) {
            cleaned = "node";
        }
        return cleaned.length() > 48 ? cleaned.substring(0, 48) : cleaned;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "node";
        }
    }
}
