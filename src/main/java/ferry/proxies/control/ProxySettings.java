package ferry.proxies.control;

import ferry.platform.control.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;

/**
 * A proxy's settings with every default applied (CONTRACT.md §2), immutable: what forwarding,
 * intake and retention read. The defaults live here and nowhere else. Stored as one JSON
 * document in the proxy row, with the field names of the admin API ({@link ProxySpec}), so a
 * stored document read back through {@link #parse} is merged with today's defaults too.
 *
 * @param retentionSeconds how long a finished request's result is kept
 * @param callback         null when the proxy has no webhook
 */
public record ProxySettings(Retry retry, Limits limits, Sync sync, long retentionSeconds, Callback callback) {

    private static final Logger LOG = Logger.getLogger(ProxySettings.class.getName());

    public static final List<Integer> DEFAULT_RETRY_ON = List.of(408, 429, 500, 502, 503, 504, 507, 509,
            520, 521, 522, 523, 524, 525, 526, 530, 598, 599);

    /** Also the retention of a request whose proxy no longer exists. */
    public static final long DEFAULT_RETENTION_SECONDS = 172_800L;

    /** CONTRACT.md §2 {@code retry}; {@code retryOn} is unmodifiable. */
    public record Retry(int maxRetries, long windowSeconds, long initialDelayMs, long maxDelayMs,
                        long attemptTimeoutMs, List<Integer> retryOn) {
    }

    /** CONTRACT.md §2 {@code limits}; a null rate means none. */
    public record Limits(int maxConcurrency, Double forwardPerSecond, boolean adaptive, Double intakePerSecond,
                         long maxBacklog, long maxBodyBytes) {
    }

    /** CONTRACT.md §5 sync mode. */
    public record Sync(int waitSeconds, int deadlineSeconds) {
    }

    /**
     * @param secret     sealed at rest; as given while a new definition is checked
     * @param nextSecret the new secret while rotating (sealed likewise), else null
     */
    public record Callback(String url, String secret, String nextSecret, Boolean allowPerRequest) {

        /** The same callback with other secrets (kept from a previous definition, or sealed). */
        public Callback withSecrets(String secret, String nextSecret) {
            return new Callback(url, secret, nextSecret, allowPerRequest);
        }
    }

    /** {@code given} merged over the defaults (null fields take the default); {@code given} is not kept. */
    public static ProxySettings from(ProxySpec given) {
        ProxySpec.Retry r = given.retry == null ? new ProxySpec.Retry() : given.retry;
        // A copy, not List.copyOf: a null entry must reach the validator, not throw here.
        List<Integer> retryOn = r.retryOn == null ? DEFAULT_RETRY_ON
                : Collections.unmodifiableList(new ArrayList<>(r.retryOn));
        Retry retry = new Retry(or(r.maxRetries, 10), or(r.windowSeconds, 900L), or(r.initialDelayMs, 1000L),
                or(r.maxDelayMs, 300_000L), or(r.attemptTimeoutMs, 30_000L), retryOn);

        ProxySpec.Limits l = given.limits == null ? new ProxySpec.Limits() : given.limits;
        Limits limits = new Limits(or(l.maxConcurrency, 64), l.forwardPerSecond, or(l.adaptive, true),
                l.intakePerSecond, or(l.maxBacklog, 1_000_000L), or(l.maxBodyBytes, 10L * 1024 * 1024));

        ProxySpec.Sync y = given.sync == null ? new ProxySpec.Sync() : given.sync;
        Sync sync = new Sync(or(y.waitSeconds, 25), or(y.deadlineSeconds, 180));

        ProxySpec.Callback c = given.callback;
        Callback callback = c == null ? null : new Callback(c.url, c.secret, c.nextSecret, c.allowPerRequest);
        return new ProxySettings(retry, limits, sync, or(given.retentionSeconds, DEFAULT_RETENTION_SECONDS), callback);
    }

    /**
     * Reads a stored document (see {@link #json}). Values above their maximum ({@link SettingLimits}),
     * which only rows stored before the maxima existed can hold, are lowered to it with a warning.
     */
    public static ProxySettings parse(String json) {
        return SettingLimits.clamp(from(Json.read(json, ProxySpec.class)),
                why -> LOG.warning(() -> "Stored proxy setting " + why));
    }

    /** The stored document: these settings in the admin API's field names (JSON-B writes records by their components). */
    public String json() {
        return Json.write(this);
    }

    /** The same settings with another callback (e.g. its secret sealed). */
    public ProxySettings withCallback(Callback other) {
        return new ProxySettings(retry, limits, sync, retentionSeconds, other);
    }

    /** The settings part of a {@link ProxySpec}, secrets included: for showing once they are removed. */
    ProxySpec asSpec() {
        return Json.read(json(), ProxySpec.class);
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
