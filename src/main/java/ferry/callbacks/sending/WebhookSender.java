package ferry.callbacks.sending;

import ferry.platform.tracing.Tracing;
import ferry.callbacks.control.DeliveryAttempts;
import ferry.callbacks.control.DeliveryOpened;
import ferry.callbacks.control.DeliverySettings;
import ferry.callbacks.schedule.DeliveryVerdict;
import ferry.callbacks.signing.WebhookSigner;
import ferry.platform.concurrent.CoalescedRun;
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
    /** How many deliveries to one proxy's callback a sender takes, attempts and records at a time. */
    private static final int CHAIN_BATCH = 8;

    @Resource
    ManagedThreadFactory threads;

    /** Webhook attempts per proxy and verdict (delivered, gone, try-again), once recorded. */
    @Inject
    Tracing tracing;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Inject
    DeliveryAttempts attempts;

    @Inject
    DeliverySettings settings;

    @Inject
    WebhookClient client;

    private final Clock clock = Clock.systemUTC();
    private final Map<String, AtomicInteger> perReceiver = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Whether the last look left due deliveries behind (no free sender, or a full receiver). */
    private volatile boolean backlog;
    private ExecutorService senders;
    private CoalescedRun looking;

    @PostConstruct
    void start() {
        senders = ThreadPools.fixed(threads, "ferry-webhook", settings.senders());
        looking = new CoalescedRun(threads, "ferry-webhook-waker", this::takeAll);
    }

    @PreDestroy
    void stop() {
        looking.stop();
        senders.shutdownNow();
    }

    void onOpened(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveryOpened opened) {
        looking.wake();
    }

    /** Takes due deliveries while senders are free and hands them to the senders (the timer's look). */
    public void sendDue() {
        looking.runNow();
    }

    private void takeAll() {
        try {
            while (takeBatch()) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Taking due webhooks failed; the next look will try again", e);
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
        List<Integer> slots = new ArrayList<>(); // each taken delivery's place at its receiver, in order
        AtomicBoolean refused = new AtomicBoolean();
        List<DeliveryAttempts.Taken> taken;
        try {
            taken = attempts.take(free, busyProxies(), receiver -> {
                int slot = reserve(receiver);
                if (slot >= 0) {
                    reserved.add(receiver);
                    slots.add(slot);
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
        for (int i = 0; i < taken.size(); i++) {
            DeliveryAttempts.Taken one = taken.get(i);
            int slot = slots.get(i);
            senders.execute(() -> send(one, slot));
        }
        return taken.size() == free;
    }

    /**
     * Attempts a delivery; then batches of the next ones due to the same proxy's callback, if
     * any, keeping this sender's place at that receiver (a look at everything due would not even
     * read that proxy's deliveries while its receiver is full). A batch's attempts are made one
     * after the other and recorded in one transaction. A batch stops at its first failure (the
     * receiver is in trouble: the rest are due again at once, for the next look and its bounds)
     * and once an attempt's time-out has passed since it was taken, so that its last attempt ends
     * within the leases (twice the time-out and 5 s).
     */
    private void send(DeliveryAttempts.Taken first, int slot) {
        int spread = slot * CHAIN_BATCH; // the first sender at a receiver takes the oldest
        try {
            List<DeliveryAttempts.Taken> batch = List.of(first);
            boolean healthy = true;
            while (healthy && !batch.isEmpty()) {
                long takenAt = System.nanoTime();
                List<DeliveryAttempts.Went> made = new ArrayList<>();
                List<DeliveryAttempts.Taken> notMade = new ArrayList<>();
                for (DeliveryAttempts.Taken taken : batch) {
                    if (!healthy || System.nanoTime() - takenAt > settings.timeout().toNanos()) {
                        notMade.add(taken);
                        continue;
                    }
                    DeliveryAttempts.Went went = attempt(taken);
                    made.add(went);
                    healthy = went.status() != null && DeliveryVerdict.of(went.status()) == DeliveryVerdict.DELIVERED;
                }
                record(made, notMade);
                batch = healthy && !first.perRequest() ? next(first.proxyId(), spread) : List.of();
            }
        } finally {
            release(first.receiver());
            if (backlog) {
                looking.wake();
            }
        }
    }

    private List<DeliveryAttempts.Taken> next(String proxyId, int spread) {
        try {
            return attempts.takeNext(proxyId, CHAIN_BATCH, spread, clock.instant());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Taking the next webhooks of proxy " + proxyId + " failed; the next look takes them", e);
            return List.of();
        }
    }

    private DeliveryAttempts.Went attempt(DeliveryAttempts.Taken taken) {
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", taken.deliveryId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSigner.signature(taken.deliveryId(), timestamp, taken.payload(),
                taken.secrets()));
        headers.put("User-Agent", "Ferry-Webhooks/1");
        Tracing.AttemptSpan span = tracing.webhook(taken.traceParent(), taken.url(), taken.deliveryId(), taken.proxyId(),
                taken.attempt());
        if (span.traceParent() != null) {
            headers.put("traceparent", span.traceParent());
        }
        WebhookClient.Answer answer = client.post(taken.url(), headers, taken.payload(), settings.timeout());
        span.end(answer.status() == null ? "no-answer" : "response", answer.status() == null ? 0 : answer.status());
        return new DeliveryAttempts.Went(taken, answer.status(), answer.retryAfter(), answer.error(),
                answer.startedAt(), answer.durationMs());
    }

    private void record(List<DeliveryAttempts.Went> went, List<DeliveryAttempts.Taken> notMade) {
        try {
            attempts.recordAll(went, notMade, clock.instant());
            for (DeliveryAttempts.Went one : went) {
                DeliveryVerdict verdict = one.status() == null ? DeliveryVerdict.TRY_AGAIN : DeliveryVerdict.of(one.status());
                registry.counter("ferry.webhooks.attempts", "proxy", one.taken().proxyId(),
                        "verdict", verdict.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).increment();
            }
        } catch (RuntimeException e) {
            // Unrecorded, the attempts' leases run out and the deliveries are attempted again.
            LOG.log(Level.WARNING, went.size() + " webhook attempt(s) could not be recorded;"
                    + " they are retried when their leases end", e);
        }
    }

    /** @return this sender's place at the receiver (0 for the first), or -1 if the receiver is full */
    private int reserve(String receiver) {
        AtomicInteger count = perReceiver.computeIfAbsent(receiver, r -> new AtomicInteger());
        int place = count.incrementAndGet();
        if (place > settings.perReceiver()) {
            count.decrementAndGet();
            return -1;
        }
        inFlight.incrementAndGet();
        return place - 1;
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
}
