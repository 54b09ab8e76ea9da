package ferry.proxies.control;

import java.util.function.Consumer;

/**
 * The largest value each numeric proxy setting may take (CONTRACT.md §2, issue 11.2), in this one
 * place: the validator refuses a definition beyond them ({@code 400} naming the field) and
 * {@link ProxySettings#parse} clamps a stored document beyond them, so a row written before the
 * maxima existed (e.g. {@code retentionSeconds: 9223372036854775807}) cannot overflow the
 * {@code Instant} arithmetic of forwarding, retention or sync deadlines. Each maximum leaves
 * {@code Instant.now()} plus it (in any unit used) far inside {@code Instant}'s and {@code long}'s
 * range. Keep {@code openapi/openapi.yaml} and README.md in step with these numbers.
 */
public final class SettingLimits {

    /** {@code retry.maxRetries}. */
    public static final int MAX_RETRIES = 1_000;
    /** {@code retry.windowSeconds}: 30 days, as the {@code Ferry-Delay} cap. */
    public static final long MAX_WINDOW_SECONDS = 2_592_000L;
    /** {@code retry.initialDelayMs} and {@code retry.maxDelayMs}: one day. */
    public static final long MAX_DELAY_MS = 86_400_000L;
    /** {@code retry.attemptTimeoutMs}: ten minutes. */
    public static final long MAX_ATTEMPT_TIMEOUT_MS = 600_000L;
    /** {@code limits.maxConcurrency}. */
    public static final int MAX_CONCURRENCY = 10_000;
    /** {@code limits.forwardPerSecond} and {@code limits.intakePerSecond}. */
    public static final double MAX_PER_SECOND = 1_000_000d;
    /** {@code limits.maxBacklog}. */
    public static final long MAX_BACKLOG = 1_000_000_000L;
    /** {@code limits.maxBodyBytes}: 100 MiB. */
    public static final long MAX_BODY_BYTES = 104_857_600L;
    /** {@code sync.waitSeconds} (the long-poll cap of CONTRACT.md §5). */
    public static final int MAX_WAIT_SECONDS = 25;
    /** {@code sync.deadlineSeconds}: one hour. */
    public static final int MAX_DEADLINE_SECONDS = 3_600;
    /** {@code retentionSeconds}: 365 days. */
    public static final long MAX_RETENTION_SECONDS = 31_536_000L;

    private SettingLimits() {
    }

    /**
     * {@code s} with every value above its maximum lowered to it; {@code warn} is told of each, by
     * field name and values only (settings hold no secrets but the callback's, which is not touched).
     */
    static ProxySettings clamp(ProxySettings s, Consumer<String> warn) {
        ProxySettings.Retry r = s.retry();
        ProxySettings.Retry retry = new ProxySettings.Retry(
                (int) at("retry.maxRetries", r.maxRetries(), MAX_RETRIES, warn),
                at("retry.windowSeconds", r.windowSeconds(), MAX_WINDOW_SECONDS, warn),
                at("retry.initialDelayMs", r.initialDelayMs(), MAX_DELAY_MS, warn),
                at("retry.maxDelayMs", r.maxDelayMs(), MAX_DELAY_MS, warn),
                at("retry.attemptTimeoutMs", r.attemptTimeoutMs(), MAX_ATTEMPT_TIMEOUT_MS, warn),
                r.retryOn());
        ProxySettings.Limits l = s.limits();
        ProxySettings.Limits limits = new ProxySettings.Limits(
                (int) at("limits.maxConcurrency", l.maxConcurrency(), MAX_CONCURRENCY, warn),
                at("limits.forwardPerSecond", l.forwardPerSecond(), warn),
                l.adaptive(),
                at("limits.intakePerSecond", l.intakePerSecond(), warn),
                at("limits.maxBacklog", l.maxBacklog(), MAX_BACKLOG, warn),
                at("limits.maxBodyBytes", l.maxBodyBytes(), MAX_BODY_BYTES, warn));
        ProxySettings.Sync y = s.sync();
        ProxySettings.Sync sync = new ProxySettings.Sync(
                (int) at("sync.waitSeconds", y.waitSeconds(), MAX_WAIT_SECONDS, warn),
                (int) at("sync.deadlineSeconds", y.deadlineSeconds(), MAX_DEADLINE_SECONDS, warn));
        long retention = at("retentionSeconds", s.retentionSeconds(), MAX_RETENTION_SECONDS, warn);
        return new ProxySettings(retry, limits, sync, retention, s.callback());
    }

    private static long at(String field, long value, long max, Consumer<String> warn) {
        if (value <= max) {
            return value;
        }
        warn.accept(field + " is " + value + ", above its maximum " + max + "; using " + max);
        return max;
    }

    private static Double at(String field, Double value, Consumer<String> warn) {
        if (value == null || !(value > MAX_PER_SECOND)) {
            return value;
        }
        warn.accept(field + " is " + value + ", above its maximum " + (long) MAX_PER_SECOND + "; using "
                + (long) MAX_PER_SECOND);
        return MAX_PER_SECOND;
    }
}
