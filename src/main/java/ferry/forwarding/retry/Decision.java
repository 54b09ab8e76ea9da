package ferry.forwarding.retry;

import java.time.Duration;

/** What happens after an attempt: done, failed for good (with a reason), or another attempt after a delay. */
public record Decision(Kind kind, String errorType, String message, Duration delay) {

    public enum Kind { COMPLETE, FAIL, RETRY }

    public static Decision complete() {
        return new Decision(Kind.COMPLETE, null, null, null);
    }

    public static Decision fail(String errorType, String message) {
        return new Decision(Kind.FAIL, errorType, message, null);
    }

    public static Decision retry(Duration delay, String message) {
        return new Decision(Kind.RETRY, null, message, delay);
    }
}
