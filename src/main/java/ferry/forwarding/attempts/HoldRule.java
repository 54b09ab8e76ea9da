package ferry.forwarding.attempts;

import java.time.Duration;
import java.time.Instant;

/**
 * Until when a request that a limit of its proxy holds waits, in plain Java ({@link AttemptHolds}
 * reads the rows). A hold is not an attempt and spends no retry, but the request's retry window
 * and a sync-mode deadline still run: it comes back no later than either, to fail then if it is
 * still held.
 */
final class HoldRule {

    private HoldRule() {
    }

    /** @return when the request comes back: after {@code wait}, or at its window's end or deadline if sooner */
    static Instant until(Instant now, Duration wait, Instant windowEnd, Instant deadline) {
        Instant until = now.plus(wait.isNegative() ? Duration.ZERO : wait);
        if (windowEnd != null && windowEnd.isBefore(until)) {
            until = windowEnd;
        }
        if (deadline != null && deadline.isBefore(until)) {
            until = deadline;
        }
        return until.isBefore(now) ? now : until;
    }

    /** @return true if the window is over: a request held now can no longer be attempted in it */
    static boolean windowEnded(Instant now, Instant windowEnd) {
        return windowEnd != null && !now.isBefore(windowEnd);
    }
}
