package ferry.platform.control;

import ferry.platform.concurrent.ThreadPools;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether the broker accepts a session, answered within {@link #PATIENCE}. With the broker gone,
 * the resource adapter's connections wait for it to come back (they reconnect for ever, which is
 * what forwarding wants), so asking on the probe's own thread would leave a readiness request
 * hanging for as long as the outage lasts. One probe runs at a time, on a thread of its own; a
 * readiness request waits for it at most {@link #PATIENCE}, and the next request joins the same
 * probe while it is still out, so a long outage costs one thread, not one per request.
 */
@ApplicationScoped
public class BrokerProbe {

    static final Duration PATIENCE = Duration.ofSeconds(2);

    @Resource(lookup = "jms/ferry")
    ConnectionFactory connectionFactory;

    @Resource
    ManagedThreadFactory threads;

    private ExecutorService prober;
    private CompletableFuture<String> running;

    @PostConstruct
    void start() {
        prober = ThreadPools.fixed(threads, "ferry-broker-probe", 1);
    }

    @PreDestroy
    void stop() {
        prober.shutdownNow();
    }

    /** Null if the broker gave a session in time, else why not. */
    public String problem() {
        CompletableFuture<String> probe = current();
        try {
            return probe.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "no session within " + PATIENCE.toSeconds() + " s";
        } catch (ExecutionException e) {
            return "no session: " + e.getCause().getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private synchronized CompletableFuture<String> current() {
        if (running == null || running.isDone()) {
            running = CompletableFuture.supplyAsync(this::session, prober);
        }
        return running;
    }

    private String session() {
        try (JMSContext context = connectionFactory.createContext()) {
            context.createQueue(Destinations.FORWARD);
            return null;
        } catch (RuntimeException e) {
            return "no session: " + e.getClass().getSimpleName();
        }
    }
}
