package ferry.forwarding.limits;

/**
 * The concurrency limit in force for one proxy, between 1 and {@code maxConcurrency}, following
 * what the target shows. Thread-safe; reading the limit takes no lock.
 *
 * <p><b>Signals.</b> Overload ({@code 429}, {@code 503}), timeouts and refusals all cut the
 * limit by 10% (AIMD's multiplicative decrease). A timeout is overload, not a long latency:
 * Gradient2 grows to its maximum against a target that times out steadily because a dropped
 * sample never lowers it. One burst of failures is one cut, as in TCP's one reduction per window:
 * a failure cuts only if its attempt was sent after the last cut, since the ones sent before ran
 * under the old limit. Nothing but a success can raise the limit.
 *
 * <p><b>Latency.</b> Successes are measured in rounds: the first {@value #ROUND_SAMPLES}
 * successes sent after the round began ({@link LatencyRound}). The round's median is compared
 * with the no-load latency: the minimum over the last 25–30 s ({@link WindowedMinimum}) of the
 * round medians smoothed over rounds (a quarter weight per round; the minimum of raw medians
 * sits at the bottom of their jitter, so that ordinary rounds would look queued and the limit
 * sank in simulation). Medians (not single samples) mean one fast answer cannot drag the
 * no-load latency down; the window means the no-load latency comes back up within 30 s once the
 * target really got slower (a minimum for ever never would); and a round run with a single
 * attempt in flight, which cannot have queued behind our own, replaces it at once. Nor does it
 * drift upward, as Vegas's does when it re-probes under load and takes a queued latency for the
 * new no-load one: a round that queues shrinks the limit until rounds are near the no-load
 * latency again, so that the window always holds unqueued rounds.
 *
 * <p><b>Control, once per round</b>, and only when the round used at least half the limit (an
 * app-limited proxy's rounds say nothing about a larger limit, so it must not grow without
 * bound). If the median is more than {@value #TOLERANCE} × the no-load latency, and the
 * smoothed medians more than half as far above it (one noisy round alone is not queueing), the
 * target queues: the limit goes to limit × noLoad / median, Little's law's estimate of what
 * the target serves at its no-load latency (Gradient2's gradient, without its queue term, which
 * lets the limit creep up under modest overload), but down by half at most, so one noisy round cannot
 * collapse it. It goes all the way, not part of it: a limit that only ever moves part way back
 * stays above the knee, no round is unqueued any more and the no-load minimum, then the limit,
 * creep up (in simulation half-way moves took a capacity-40 target from 42 to 51 in 15
 * minutes). Otherwise it grows by 10% per round (at least 1; a round is about one round trip),
 * and within 10% of where it was last cut slowly (see {@link #nearEdgeStep}): near the known
 * edge it probes, so a target that refuses beyond its capacity sees few refusals, and once well
 * past the edge (the capacity grew) it grows fast again. The limit is kept as a real number and
 * used as an integer in [1, max].
 *
 * <p><b>Known limit</b> (TODO before wiring it in: real targets jitter more): the tolerance is
 * fixed, so it assumes round medians vary by a few percent. Against a capacity-40 target whose
 * every answer varies uniformly by ±10% the limit stays at 35–46 (mean 41); at ±15% it dips to
 * 22 now and then (mean 39); from ±17% noisy rounds pass for queueing often enough to drive it
 * to 1 at times (±30%: mean 26, goodput 28% of capacity). A tolerance taken from the rounds' own
 * spread, or Envoy's periodic measuring of the no-load latency at low concurrency, would fix it.
 *
 * <p>{@link #fixed} is the non-adaptive limit ({@code adaptive: false}): always the maximum.
 */
public final class AdaptiveLimit {

    /** Where an adaptive limit starts: low enough not to flood a new target, quick to grow from. */
    static final int INITIAL = 10;
    /** AIMD's usual factor: a cut per burst of failures, gentle enough not to collapse on one. */
    static final double CUT = 0.9;
    /** How far above the no-load latency a round may be and still count as unqueued (jitter). */
    static final double TOLERANCE = 1.1;
    /** The most a queueing round may cut: one noisy round cannot collapse the limit. */
    static final double MAX_SHRINK = 0.5;
    /** Growth per round away from the edge: 10 to 40 in some 15 rounds, so well within 10 s. */
    static final double GROWTH = 0.1;
    /** Most growth per round near the edge, what "near" is, and how many attempts the climb takes. */
    static final double NEAR_EDGE_STEP = 0.25;
    static final double NEAR_EDGE = 0.1;
    static final int NEAR_EDGE_ATTEMPTS = 100;
    /** Successes per round: enough for a steady median, few enough for a round to be one trip. */
    static final int ROUND_SAMPLES = 10;
    /** Weight of a round in the smoothed medians the no-load minimum is taken over. */
    static final double RECENT_WEIGHT = 0.25;
    /** Six buckets of 5 s: the no-load latency is the minimum of the last 25 to 30 s. */
    static final long NO_LOAD_BUCKET_NANOS = 5_000_000_000L;
    static final int NO_LOAD_BUCKETS = 6;

    private final int max;
    private final boolean adaptive;
    private final LatencyRound round = new LatencyRound(ROUND_SAMPLES);
    private final WindowedMinimum noLoad = new WindowedMinimum(NO_LOAD_BUCKETS, NO_LOAD_BUCKET_NANOS);
    private double estimate;
    private double edge = Double.NaN;
    private double recent = Double.NaN;
    private boolean cut;
    private long lastCutNanos;
    private volatile int limit;

    AdaptiveLimit(int max, int initial, boolean adaptive) {
        if (max < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1: " + max);
        }
        this.max = max;
        this.adaptive = adaptive;
        this.estimate = Math.max(1, Math.min(max, initial));
        this.limit = (int) estimate;
    }

    /** {@code adaptive: true}: starts at {@value #INITIAL} (or the maximum, if lower). */
    public static AdaptiveLimit adaptive(int maxConcurrency) {
        return new AdaptiveLimit(maxConcurrency, INITIAL, true);
    }

    /** {@code adaptive: false}: the limit is the maximum whatever happens. */
    public static AdaptiveLimit fixed(int maxConcurrency) {
        return new AdaptiveLimit(maxConcurrency, maxConcurrency, false);
    }

    public int limit() {
        return limit;
    }

    /**
     * @param latencyNanos from when the attempt was let go to now
     * @param inFlight     attempts in flight to the target when this one ended, counting it
     */
    public synchronized void onSample(long latencyNanos, Outcome outcome, int inFlight, long nowNanos) {
        if (!adaptive) {
            return;
        }
        long latency = Math.max(1, latencyNanos);
        long sentNanos = nowNanos - latency;
        if (outcome.failure()) {
            if (!cut || sentNanos - lastCutNanos >= 0) {
                lower(CUT, nowNanos);
            }
            return;
        }
        if (!round.offer(latency, inFlight, sentNanos)) {
            return;
        }
        double median = round.median();
        recent = Double.isNaN(recent) ? median : recent + RECENT_WEIGHT * (median - recent);
        if (round.peakInFlight() <= 1) {
            recent = median;
            noLoad.reset(median, nowNanos);
        } else {
            noLoad.add(recent, nowNanos);
        }
        double noLoadNanos = noLoad.min(nowNanos);
        double ratio = median / noLoadNanos;
        boolean used = 2 * round.peakInFlight() >= limit;
        boolean queued = ratio > TOLERANCE && recent / noLoadNanos > (1 + TOLERANCE) / 2;
        if (used && queued) {
            lower(Math.max(MAX_SHRINK, 1 / ratio), nowNanos);
            return;
        }
        if (used) {
            raise();
        }
        round.start(nowNanos);
    }

    private void raise() {
        boolean nearEdge = Math.abs(estimate - edge) <= NEAR_EDGE * edge;
        set(estimate + (nearEdge ? nearEdgeStep() : Math.max(1, GROWTH * estimate)));
    }

    /**
     * Slow enough that climbing the last 10% to the edge takes some {@value #NEAR_EDGE_ATTEMPTS}
     * attempts (a round is about max(limit, round samples) attempts), so the burst of refusals
     * that ends each climb is a small share even for a small limit; at most
     * {@value #NEAR_EDGE_STEP} per round.
     */
    private double nearEdgeStep() {
        double attemptsPerRound = Math.max(estimate, ROUND_SAMPLES);
        return Math.min(NEAR_EDGE_STEP, NEAR_EDGE * estimate * attemptsPerRound / NEAR_EDGE_ATTEMPTS);
    }

    private void lower(double factor, long nowNanos) {
        edge = estimate;
        set(estimate * factor);
        cut = true;
        lastCutNanos = nowNanos;
        round.start(nowNanos);
    }

    private void set(double value) {
        estimate = Math.max(1, Math.min(max, value));
        limit = (int) estimate;
    }
}
