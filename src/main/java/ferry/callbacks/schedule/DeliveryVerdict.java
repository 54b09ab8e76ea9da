package ferry.callbacks.schedule;

/**
 * What one delivery attempt's answer means. A 2xx delivers. {@code 410 Gone} ends the delivery:
 * the receiver says it will never take these again (for a proxy's callback, the callback is then
 * disabled until an admin enables it). Anything else is tried again on the schedule: other
 * statuses, redirects too (they are never followed: the egress guard judged only the URL that was
 * configured), time-outs and connection failures.
 */
public enum DeliveryVerdict {
    DELIVERED, GONE, TRY_AGAIN;

    /** @param status the receiver's status, or 0 if none came (time-out, connection failure) */
    public static DeliveryVerdict of(int status) {
        if (status >= 200 && status < 300) {
            return DELIVERED;
        }
        return status == 410 ? GONE : TRY_AGAIN;
    }
}
