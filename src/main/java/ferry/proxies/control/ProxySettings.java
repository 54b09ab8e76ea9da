package ferry.proxies.control;

import java.util.List;

/**
 * The non-secret, non-auth settings of a proxy with every default applied (CONTRACT.md §2).
 * Stored as one JSON document; the defaults live here and nowhere else.
 */
public class ProxySettings {

    public static final List<Integer> DEFAULT_RETRY_ON = List.of(408, 429, 500, 502, 503, 504, 507, 509,
            520, 521, 522, 523, 524, 525, 526, 530, 598, 599);

    public static final long DEFAULT_RETENTION_SECONDS = 172_800L;

    public ProxySpec.Retry retry;
    public ProxySpec.Limits limits;
    public ProxySpec.Sync sync;
    public long retentionSeconds;
    public ProxySpec.Callback callback;

    /** {@code given} merged over the defaults (null fields take the default). */
    public static ProxySettings from(ProxySpec given) {
        ProxySettings s = new ProxySettings();
        ProxySpec.Retry r = given.retry == null ? new ProxySpec.Retry() : given.retry;
        s.retry = new ProxySpec.Retry();
        s.retry.maxRetries = or(r.maxRetries, 10);
        s.retry.windowSeconds = or(r.windowSeconds, 900L);
        s.retry.initialDelayMs = or(r.initialDelayMs, 1000L);
        s.retry.maxDelayMs = or(r.maxDelayMs, 300_000L);
        s.retry.attemptTimeoutMs = or(r.attemptTimeoutMs, 30_000L);
        // ArrayList, not List.copyOf: a null entry must reach the validator, not throw here.
        s.retry.retryOn = r.retryOn == null ? DEFAULT_RETRY_ON : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r.retryOn));

        ProxySpec.Limits l = given.limits == null ? new ProxySpec.Limits() : given.limits;
        s.limits = new ProxySpec.Limits();
        s.limits.maxConcurrency = or(l.maxConcurrency, 64);
        s.limits.forwardPerSecond = l.forwardPerSecond;
        s.limits.adaptive = or(l.adaptive, true);
        s.limits.intakePerSecond = l.intakePerSecond;
        s.limits.maxBacklog = or(l.maxBacklog, 1_000_000L);
        s.limits.maxBodyBytes = or(l.maxBodyBytes, 10L * 1024 * 1024);

        ProxySpec.Sync y = given.sync == null ? new ProxySpec.Sync() : given.sync;
        s.sync = new ProxySpec.Sync();
        s.sync.waitSeconds = or(y.waitSeconds, 25);
        s.sync.deadlineSeconds = or(y.deadlineSeconds, 180);

        s.retentionSeconds = or(given.retentionSeconds, DEFAULT_RETENTION_SECONDS);
        s.callback = given.callback;
        return s;
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
