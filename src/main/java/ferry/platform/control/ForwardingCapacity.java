package ferry.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How much forwarding one node can have in flight, read in one place: the forwarding pipeline
 * and the target connection pool per route are both {@code ferry.forwarding.in-flight} in size,
 * and the last {@code ferry.forwarding.shared-reserve} places are shared among the proxies that
 * hold less than their share, so no one proxy takes them all. Proxy definitions may not ask for
 * a {@code maxConcurrency} beyond what one proxy can get.
 */
@ApplicationScoped
public class ForwardingCapacity {

    /** Attempts claimed, being sent or being recorded at once on this node (and connections per target). */
    @Inject
    @ConfigProperty(name = "ferry.forwarding.in-flight", defaultValue = "128")
    int inFlight;

    /** Places kept for proxies that hold less than their share of the pipeline; at most in-flight - 1. */
    @Inject
    @ConfigProperty(name = "ferry.forwarding.shared-reserve", defaultValue = "32")
    int sharedReserve;

    public int inFlight() {
        return inFlight;
    }

    public int sharedReserve() {
        return Math.max(0, Math.min(sharedReserve, inFlight - 1));
    }

    /** The most attempts one proxy may have in flight on this node. */
    public int mostForOneProxy() {
        return inFlight - sharedReserve();
    }
}
