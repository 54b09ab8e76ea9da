package ferry.callbacks.sending;

import ferry.callbacks.control.DeliveryAttempts;
import ferry.callbacks.control.DeliveryOpened;
import ferry.callbacks.control.DeliverySettings;
import ferry.callbacks.signing.WebhookSigner;
import ferry.platform.concurrent.ThreadPools;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Sends due webhooks on threads of its own ({@code ferry-webhook-N}), never on forwarding's: a
 * slow or dead receiver delays no forwarding. At most {@code ferry.callbacks.per-receiver}
 * attempts go to one receiver at once, so it cannot hold every sender either, and other proxies'
 * deliveries go on. Woken right after a delivery is written (after its commit) and by
 * {@code DeliveryTimer} for retries that come due; several nodes share the work through the
 * deliveries' leases.
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Inject
    DeliveryAttempts attempts;

    @Inject
    DeliverySettings settings;

    @Inject
    WebhookClient client;

    private final Clock clock = Clock.systemUTC();
    private final Map<String, AtomicInteger> perReceiver = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ReentrantLock taking = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    /** Whether the last look left due deliveries behind (no free sender, or a full receiver). */
    private volatile boolean backlog;
    private ExecutorService senders;
    private ExecutorService waker;

    @PostConstruct
    void start() {
        senders = ThreadPools.fixed(threads, "ferry-webhook", settings.senders());
        waker = ThreadPools.fixed(threads, "ferry-webhook-waker", 1);
    }

    @PreDestroy
    void stop() {
        waker.shutdownNow();
        senders.shutdownNow();
    }

    void onOpened(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveryOpened opened) {
        wake();
    }

    /** Looks for due deliveries soon, on the waker thread (never on the caller's). */
    public void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            waker.execute(() -> {
                wakeQueued.set(false);
                sendDue();
            });
        }
    }

    /** Takes due deliveries while senders are free and hands them to the senders. */
    public void sendDue() {
        if (!taking.tryLock()) {
            again.set(true); // the one taking now looks once more when it is done
            return;
        }
        try {
            do {
                again.set(false);
                while (takeBatch()) {
                    // a full batch: more may be due
                }
            } while (again.get());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Taking due webhooks failed; the next look will try again", e);
        } finally {
            taking.unlock();
        }
    }

    /** @return whether every free sender got a delivery (then more may be waiting) */
    private boolean takeBatch() {
        int free = settings.senders() - inFlight.get();
        if (free <= 0) {
            backlog = true;
            return false;
        }
        List<String> reserved = new ArrayList<>();
        AtomicBoolean refused = new AtomicBoolean();
        List<DeliveryAttempts.Taken> taken;
        try {
            taken = attempts.take(free, busyProxies(), receiver -> {
                if (reserve(receiver)) {
                    reserved.add(receiver);
                    return true;
                }
                refused.set(true);
                return false;
            }, clock.instant());
        } catch (RuntimeException e) {
            reserved.forEach(this::release); // nothing was taken
            throw e;
        }
        backlog = refused.get() || taken.size() == free;
        for (DeliveryAttempts.Taken one : taken) {
            senders.execute(() -> send(one));
        }
        return taken.size() == free;
    }

    private void send(DeliveryAttempts.Taken taken) {
        try {
            long timestamp = clock.instant().getEpochSecond();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("webhook-id", taken.deliveryId());
            headers.put("webhook-timestamp", Long.toString(timestamp));
            headers.put("webhook-signature", WebhookSigner.signature(taken.deliveryId(), timestamp, taken.payload(),
                    taken.secrets()));
            headers.put("User-Agent", "Ferry-Webhooks/1");
            WebhookClient.Answer answer = client.post(taken.url(), headers, taken.payload(), settings.timeout());
            attempts.record(new DeliveryAttempts.Went(taken, answer.status(), answer.retryAfter(), answer.error(),
                    answer.startedAt(), answer.durationMs()), clock.instant());
        } catch (RuntimeException e) {
            // Unrecorded, the attempt's lease runs out and the delivery is attempted again.
            LOG.log(Level.WARNING, "Webhook " + taken.deliveryId() + " attempt " + taken.attempt()
                    + " could not be recorded; it is retried when its lease ends", e);
        } finally {
            release(taken.receiver());
            if (backlog) {
                wake();
            }
        }
    }

    private boolean reserve(String receiver) {
        AtomicInteger count = perReceiver.computeIfAbsent(receiver, r -> new AtomicInteger());
        if (count.incrementAndGet() > settings.perReceiver()) {
            count.decrementAndGet();
            return false;
        }
        inFlight.incrementAndGet();
        return true;
    }

    private void release(String receiver) {
        inFlight.decrementAndGet();
        perReceiver.computeIfPresent(receiver, (r, count) -> count.decrementAndGet() == 0 ? null : count);
    }

    /** Proxies whose callback receiver is full: the next look does not even read their deliveries. */
    private Set<String> busyProxies() {
        return perReceiver.entrySet().stream()
                .filter(e -> e.getKey().startsWith("proxy ") && e.getValue().get() >= settings.perReceiver())
                .map(e -> e.getKey().substring("proxy ".length()))
                .collect(Collectors.toSet());
    }

    /** Attempts under way on this node (for health and tests of the bound). */
    public int inFlight() {
        return inFlight.get();
    }
}
