package ferry.intake.control;

/**
 * What intake answers once a request is durable.
 *
 * @param syncWaitSeconds how long the proxy lets a sync-mode caller wait ({@code sync.waitSeconds})
 * @param replayed        the request was accepted before under the same idempotency key: this
 *                        is the original's answer again ({@code Idempotent-Replayed: true})
 */
public record Accepted(String requestId, String proxyId, int syncWaitSeconds, boolean replayed) {
}
