package ferry.requests.dispatch;

import java.time.Duration;

/**
 * A request to be queued for forwarding: which one, and after how long.
 *
 * @param proxyId       the request's proxy: the message carries it, so that forwarding can ask the
 *                      proxy's limits before it reads the row
 * @param delay         null or not positive: due now
 * @param callerWaiting a sync-mode caller waits for its answer on this node, so a request due now
 *                      may go straight to this node's forwarder ({@link LocalHandOff})
 */
public record DueRequest(String requestId, String proxyId, Duration delay, boolean callerWaiting) {

    public static DueRequest now(String requestId, String proxyId) {
        return new DueRequest(requestId, proxyId, null, false);
    }

    public static DueRequest after(String requestId, String proxyId, Duration delay) {
        return new DueRequest(requestId, proxyId, delay, false);
    }

    public boolean isDueNow() {
        return delay == null || delay.isZero() || delay.isNegative();
    }
}
