package ferry.callbacks.control;

import ferry.callbacks.schedule.DeliverySchedule;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How webhooks are sent, from MicroProfile Config; defaults in docs/configuration.md. */
@ApplicationScoped
public class DeliverySettings {

    /** The wait before each attempt, the first one's included (CONTRACT.md §8). */
    @Inject
    @ConfigProperty(name = "ferry.callbacks.schedule", defaultValue = DeliverySchedule.DEFAULT)
    String schedule;

    /** How far each wait may move either way, as a fraction of itself. */
    @Inject
    @ConfigProperty(name = "ferry.callbacks.jitter", defaultValue = "0.2")
    double jitter;

    /** One attempt's bound, connection and answer included. */
    @Inject
    @ConfigProperty(name = "ferry.callbacks.timeout", defaultValue = "PT15S")
    Duration timeout;

    /** Threads that send webhooks: this many attempts at most are under way at once on a node. */
    @Inject
    @ConfigProperty(name = "ferry.callbacks.senders", defaultValue = "16")
    int senders;

    /** Attempts under way to one receiver at most: a slow or dead one holds no more threads than this. */
    @Inject
    @ConfigProperty(name = "ferry.callbacks.per-receiver", defaultValue = "4")
    int perReceiver;

    private DeliverySchedule parsed;

    @PostConstruct
    void parse() {
        parsed = new DeliverySchedule(DeliverySchedule.parse(schedule), jitter,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    public DeliverySchedule schedule() {
        return parsed;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * How long an attempt holds its delivery: past it, a node that died during the attempt has
     * its delivery taken over. Longer than any attempt can last, with room for recording it.
     */
    public Duration lease() {
        return timeout.multipliedBy(2).plusSeconds(5);
    }

    public int senders() {
        return Math.max(1, senders);
    }

    public int perReceiver() {
        return Math.max(1, Math.min(perReceiver, senders()));
    }
}
