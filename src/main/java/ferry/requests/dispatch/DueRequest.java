package ferry.requests.dispatch;

import java.time.Duration;

/**
 * A request to be queued for forwarding: which one, and after how long.
 *
 * @param delay         null or not positive: due now
 * @param callerWaiting a sync-mode caller waits for its answer on this node, so a request due now
 *                      may go straight to this node's forwarder ({@link LocalHandOff})
 */
public record DueRequest(String requestId, Duration delay, boolean callerWaiting) {

    public static DueRequest now(String requestId) {
        return new DueRequest(requestId, null, false);
    }

    public static DueRequest after(String requestId, Duration delay) {
        return new DueRequest(requestId, delay, false);
    }

    public boolean isDueNow() {
        return delay == null || delay.isZero() || delay.isNegative();
    }
}
