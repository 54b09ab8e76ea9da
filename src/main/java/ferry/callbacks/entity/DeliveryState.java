package ferry.callbacks.entity;

import java.util.Locale;

/** Where a webhook delivery stands. Only {@code PENDING} is ever sent; the others have ended. */
public enum DeliveryState {
    /** Due at {@code nextAttemptAt}, or being attempted (then that time is the attempt's lease). */
    PENDING,
    /** The receiver answered 2xx. */
    DELIVERED,
    /** The schedule ran out, the receiver answered 410 Gone, or the callback was disabled. */
    FAILED,
    /** The proxy was deleted, its callback removed, or the request retried before it was sent. */
    CANCELED;

    /** The name clients see. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
