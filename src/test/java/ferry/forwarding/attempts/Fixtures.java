package ferry.forwarding.attempts;

import ferry.forwarding.retry.RetryPlanner;
import ferry.forwarding.retry.RetryPolicy;
import ferry.forwarding.target.AttemptResult;

import ferry.proxies.control.ProxySettings;
import ferry.proxies.control.ProxySpec;
import ferry.proxies.entity.EntryPoint;
import ferry.proxies.entity.Proxy;
import ferry.proxies.entity.ServingMode;
import ferry.requests.entity.ForwardRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Rows and settings as forwarding finds them, built in plain Java (no database). */
final class Fixtures {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final String REQUEST_ID = "6f1c1e0e-4a8e-4d2c-9a6e-0c0b8f1f2a3b";
    static final String PROXY_ID = "orders";
    static final String NODE = "node-a";

    private Fixtures() {
    }

    static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** A queued request, due at {@code t(0)}. */
    static ForwardRequest request() {
        return new ForwardRequest(REQUEST_ID, PROXY_ID, EntryPoint.ASYNC, "POST", "v1/orders", "a=1",
                "{\"stored\":\"as json\"}", new byte[] {1, 2, 3}, "key-1", T0, T0.minusSeconds(5));
    }

    static Proxy proxy(String targetUrl) {
        Proxy proxy = new Proxy(PROXY_ID, T0.minusSeconds(60));
        proxy.define(targetUrl, ServingMode.BOTH, "{}", "{}", "{}", T0.minusSeconds(60));
        return proxy;
    }

    static Proxy proxy() {
        return proxy("https://target.example/api");
    }

    /** The contract's defaults, with the given retry settings. */
    static ProxySettings settings(int maxRetries, long attemptTimeoutMs, long retentionSeconds) {
        ProxySettings defaults = ProxySettings.from(new ProxySpec());
        ProxySettings.Retry retry = new ProxySettings.Retry(maxRetries, 900, 1000, 300_000, attemptTimeoutMs,
                ProxySettings.DEFAULT_RETRY_ON);
        return new ProxySettings(retry, defaults.limits(), defaults.sync(), retentionSeconds, null);
    }

    /** {@code maxRetries} in 900 s, 1 s doubling, 30 s per attempt, the contract's retryable statuses. */
    static RetryPolicy policy(int maxRetries) {
        return RetryPolicy.of(settings(maxRetries, 30_000, 3600).retry(), null);
    }

    /** Three retries. */
    static RetryPolicy policy() {
        return policy(3);
    }

    /** Jitter off: every delay is the full cap. */
    static RetryPlanner planner() {
        return new RetryPlanner(() -> 1.0);
    }

    static AttemptResult answered(int status, Instant startedAt) {
        return new AttemptResult(AttemptResult.RESPONSE, status, Map.of("content-type", List.of("text/plain")),
                new byte[] {9}, null, startedAt, 250);
    }
}
