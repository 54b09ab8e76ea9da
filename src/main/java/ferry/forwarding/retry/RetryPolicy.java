package ferry.forwarding.retry;

import ferry.proxies.control.ProxySettings;
import java.time.Duration;
import java.util.Set;

/** A proxy's retry settings (CONTRACT.md §2 {@code retry}), with the request's own lower {@code Ferry-Retries}. */
public record RetryPolicy(int maxRetries, Duration window, long initialDelayMs, long maxDelayMs,
                          long attemptTimeoutMs, Set<Integer> retryOn) {

    public static RetryPolicy of(ProxySettings.Retry retry, Integer requestMaxRetries) {
        int max = requestMaxRetries == null ? retry.maxRetries() : Math.min(requestMaxRetries, retry.maxRetries());
        return new RetryPolicy(max, Duration.ofSeconds(retry.windowSeconds()), retry.initialDelayMs(),
                retry.maxDelayMs(), retry.attemptTimeoutMs(), Set.copyOf(retry.retryOn()));
    }
}
