package ferry.forwarding.pipeline;

import ferry.forwarding.health.ProxyStats;
import ferry.forwarding.limits.CircuitBreaker;
import ferry.forwarding.limits.Outcome;
import ferry.forwarding.limits.PipelineShare;
import ferry.forwarding.limits.ProxyGate;
import ferry.forwarding.target.AttemptResult;
import ferry.platform.control.ForwardingCapacity;
import ferry.platform.control.RetryAfter;
import ferry.proxies.control.ProxyDeleting;
import ferry.proxies.control.ProxyDirectory;
import ferry.proxies.control.ProxySettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's {@link ProxyGate} per proxy, built from the proxy's limits (and rebuilt in part
 * when they change), and the {@link PipelineShare} that keeps one proxy from taking the whole
 * pipeline. Every limit here is per node: with several nodes each enforces its own
 * (docs/architecture.md, "Adaptive forwarding").
 */
@ApplicationScoped
public class ProxyGates {

    private static final Logger LOG = Logger.getLogger(ProxyGates.class.getName());

    @Inject
    ProxyDirectory proxies;

    @Inject
    ForwardingCapacity capacity;

    /** How long a listener may wait for a permit that is expected soon, instead of holding the request. */
    @Inject
    @ConfigProperty(name = "ferry.forwarding.permit-wait", defaultValue = "PT0.25S")
    Duration permitWait;

    /** How many listener sessions may wait for permits at once; the others hold at once. */
    @Inject
    @ConfigProperty(name = "ferry.forwarding.permit-waiters", defaultValue = "8")
    int permitWaiters;

    @Inject
    @ConfigProperty(name = "ferry.forwarding.circuit.window", defaultValue = "20")
    int circuitWindow;

    @Inject
    @ConfigProperty(name = "ferry.forwarding.circuit.minimum", defaultValue = "10")
    int circuitMinimum;

    @Inject
    @ConfigProperty(name = "ferry.forwarding.circuit.failure-rate", defaultValue = "0.5")
    double circuitFailureRate;

    @Inject
    @ConfigProperty(name = "ferry.forwarding.circuit.cool-down", defaultValue = "PT5S")
    Duration circuitCoolDown;

    @Inject
    @ConfigProperty(name = "ferry.forwarding.circuit.max-cool-down", defaultValue = "PT60S")
    Duration circuitMaxCoolDown;

    @Inject
    @ConfigProperty(name = "ferry.forwarding.circuit.probe-lease", defaultValue = "PT10M")
    Duration circuitProbeLease;

    private final Map<String, ProxyGate> gates = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();
    private PipelineShare share;
    private Semaphore waiters;
    private CircuitBreaker.Settings circuit;

    /** A permit for one attempt: give it back once with {@link #sent} or {@link #notSent}. */
    public record Pass(String proxyId, ProxyGate.Permit permit, PipelineShare share) {

        /** The attempt is over; its outcome feeds the proxy's limits. */
        public void sent(AttemptResult result, long latencyNanos) {
            try {
                if (permit != null) {
                    permit.release(outcome(result), latencyNanos, retryAfterNanos(result), System.nanoTime());
                }
            } finally {
                share.leave(proxyId);
            }
        }

        public void notSent() {
            try {
                if (permit != null) {
                    permit.release(null, 0, 0, System.nanoTime());
                }
            } finally {
                share.leave(proxyId);
            }
        }
    }

    /** Why a request may not go now and when it should be tried again. */
    public record Held(ProxyGate.Hold reason, Duration holdFor) {
    }

    /** Exactly one of the two is set. */
    public record Admission(Pass pass, Held held) {
    }

    @PostConstruct
    void start() {
        share = new PipelineShare(capacity.inFlight(), capacity.sharedReserve());
        waiters = new Semaphore(Math.max(0, permitWaiters));
        circuit = new CircuitBreaker.Settings(circuitWindow, circuitMinimum, circuitFailureRate, circuitCoolDown,
                circuitMaxCoolDown, circuitProbeLease);
    }

    /**
     * May an attempt for this proxy go now? If the wait for a permit is expected to be short and
     * {@code mayWait}, waits for it (at most {@code ferry.forwarding.permit-wait}).
     */
    public Admission admit(String proxyId, boolean mayWait) {
        Optional<ProxyGate> found = gate(proxyId);
        if (found.isEmpty()) {
            // No such proxy (deleted): the claim ends the request; nothing to limit.
            return share.tryEnter(proxyId) ? new Admission(new Pass(proxyId, null, share), null)
                    : new Admission(null, new Held(ProxyGate.Hold.CONCURRENCY, Duration.ofMillis(100)));
        }
        ProxyGate gate = found.get();
        if (!share.tryEnter(proxyId)) {
            return held(gate.holdForShare(System.nanoTime()));
        }
        ProxyGate.Admission admission;
        if (mayWait && waiters.tryAcquire()) {
            try {
                admission = gate.admit(permitWait.toNanos(), System::nanoTime);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                admission = gate.tryAdmit(System.nanoTime());
            } finally {
                waiters.release();
            }
        } else {
            admission = gate.tryAdmit(System.nanoTime());
        }
        if (admission.permitted()) {
            return new Admission(new Pass(proxyId, admission.permit(), share), null);
        }
        share.leave(proxyId);
        return held(admission);
    }

    /**
     * For each proxy whose target has room now while requests are held for later: how many to
     * call back (see {@link ProxyGate#toCallBack}).
     */
    public Map<String, Integer> toCallBack(Duration period) {
        Map<String, Integer> due = new java.util.HashMap<>();
        long now = System.nanoTime();
        gates.forEach((proxyId, gate) -> {
            int n = gate.toCallBack(now, period.toNanos());
            if (n > 0) {
                due.put(proxyId, n);
            }
        });
        return due;
    }

    /** This node's limits in force for the proxy (its gate is made if it has none yet); empty if there is no such proxy. */
    public Optional<ProxyStats.Limits> limits(String proxyId) {
        return gate(proxyId).map(gate -> {
            long now = System.nanoTime();
            return ProxyStats.Limits.of(gate.snapshot(now), gate.settings(), now, clock.instant());
        });
    }

    /** A snapshot of every gate this node has made so far (none is made here). */
    public Map<String, ProxyGate.Snapshot> snapshots() {
        Map<String, ProxyGate.Snapshot> all = new java.util.HashMap<>();
        long now = System.nanoTime();
        gates.forEach((proxyId, gate) -> all.put(proxyId, gate.snapshot(now)));
        return all;
    }

    private static Admission held(ProxyGate.Admission admission) {
        return new Admission(null, new Held(admission.heldBy(), Duration.ofNanos(admission.waitNanos())));
    }

    private Optional<ProxyGate> gate(String proxyId) {
        return proxies.find(proxyId).map(proxy -> {
            ProxySettings settings = proxies.settings(proxy);
            ProxyGate.Settings wanted = settingsOf(settings);
            ProxyGate gate = gates.computeIfAbsent(proxyId, id -> new ProxyGate(wanted, circuit,
                    (from, to, at) -> LOG.info("Proxy " + id + ": circuit " + from.label() + " -> " + to.label()),
                    System.nanoTime()));
            if (!gate.settings().equals(wanted)) {
                gate.reconfigure(wanted, System.nanoTime());
            }
            return gate;
        });
    }

    static ProxyGate.Settings settingsOf(ProxySettings settings) {
        ProxySettings.Limits limits = settings.limits();
        return new ProxyGate.Settings(limits.maxConcurrency(), limits.adaptive(), limits.forwardPerSecond(),
                TimeUnit.MILLISECONDS.toNanos(settings.retry().maxDelayMs()));
    }

    /** How the attempt ended, as the limits see it. */
    static Outcome outcome(AttemptResult result) {
        if (result == null) {
            return Outcome.REFUSED;
        }
        if (result.answered()) {
            return result.status() == 429 || result.status() == 503 ? Outcome.OVERLOAD : Outcome.SUCCESS;
        }
        return AttemptResult.TIMEOUT.equals(result.outcome()) ? Outcome.TIMEOUT : Outcome.REFUSED;
    }

    /** The target's {@code Retry-After} on an overload answer, in nanoseconds; 0 if none or unreadable. */
    static long retryAfterNanos(AttemptResult result) {
        if (result == null || !result.answered() || (result.status() != 429 && result.status() != 503)) {
            return 0;
        }
        String value = result.retryAfter();
        if (value == null) {
            return 0;
        }
        Duration wait = RetryAfter.parse(value, Clock.systemUTC().instant());
        return wait == null || wait.isNegative() ? 0 : saturatedNanos(wait);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    void onDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProxyDeleting deleted) {
        gates.remove(deleted.proxyId());
    }
}
