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
 * <p><b>Jitter.</b> What counts as queued widens with how much the target's answers vary:
 * the rounds' interquartile range, smoothed like the medians, gives a median's standard
 * deviation, and a round is queued only beyond {@value #SIGMAS} of them plus the bias of the
 * no-load minimum ({@link #medianTolerance}), never below the fixed floors. With the floors alone
 * noisy rounds passed for queueing: against a capacity-40 target whose answers vary by ±30% the
 * limit fell to 1 at times and 20–56% of the capacity got through (seeds 1, 2, 14). Now, over
 * 120 simulated seconds at ±20% and ±30%: a target that only slows down keeps the limit at a mean
 * of 42–46 with 99% of its capacity through and latency 1.1–1.2 × base; one that refuses beyond
 * its capacity, 38 with 94–96% through and under 1% refused, dipping to 17–28 now and then.
 * Left: at ±10% the width is a touch over the floor, so one seed (2) of the 40 → 10 → 40 run
 * dips once to 7 (the band is 8–12); beyond ±30% dips grow.
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
    /**
     * How many standard deviations of a round's median (estimated from the rounds' own spread)
     * a round must lie above the no-load latency to count as queued, beside the floor of
     * {@value #TOLERANCE}: a jittery target's rounds vary more, so its tolerance is wider.
     */
    static final double SIGMAS = 3;
    /** And how many the no-load minimum sits below the typical unqueued round (a minimum of noisy values). */
    static final double MINIMUM_BIAS_SIGMAS = 2;
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
    private double spread = Double.NaN;
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
        double roundSpread = round.relativeSpread();
        spread = Double.isNaN(spread) ? roundSpread : spread + RECENT_WEIGHT * (roundSpread - spread);
        double noLoadNanos = noLoad.min(nowNanos);
        double ratio = median / noLoadNanos;
        boolean used = 2 * round.peakInFlight() >= limit;
        boolean queued = ratio > 1 + medianTolerance() && recent / noLoadNanos > 1 + smoothedTolerance();
        if (used && queued) {
            lower(Math.max(MAX_SHRINK, 1 / ratio), nowNanos);
            return;
        }
        if (used) {
            raise();
        }
        round.start(nowNanos);
    }

    /**
     * How far above the no-load latency a round's median may lie and still be jitter: at least
     * {@value #TOLERANCE} − 1; for a target whose answers vary more, {@value #SIGMAS} standard
     * deviations of a median of {@value #ROUND_SAMPLES} answers plus the bias of the no-load
     * minimum. A sample's deviation is taken as its interquartile range / 1.35 (a normal
     * distribution's), a median's as 1.25 times that over √n.
     */
    private double medianTolerance() {
        return Math.max(TOLERANCE - 1, (SIGMAS + MINIMUM_BIAS_SIGMAS * SMOOTHING) * medianSigma());
    }

    /** The same for the smoothed medians, whose deviation is the medians' times {@link #SMOOTHING}. */
    private double smoothedTolerance() {
        return Math.max((TOLERANCE - 1) / 2, (SIGMAS + MINIMUM_BIAS_SIGMAS) * SMOOTHING * medianSigma());
    }

    private double medianSigma() {
        return Double.isNaN(spread) ? 0 : 1.25 * (spread / 1.35) / Math.sqrt(ROUND_SAMPLES);
    }

    /** √(w / (2 − w)): how much less an exponentially smoothed series varies than its samples. */
    private static final double SMOOTHING = Math.sqrt(RECENT_WEIGHT / (2 - RECENT_WEIGHT));

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
