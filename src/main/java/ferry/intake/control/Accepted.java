package ferry.intake.control;

/**
 * What intake answers once a request is durable.
 *
 * @param syncWaitSeconds how long the proxy lets a sync-mode caller wait ({@code sync.waitSeconds})
 */
public record Accepted(String requestId, String proxyId, int syncWaitSeconds) {
}
