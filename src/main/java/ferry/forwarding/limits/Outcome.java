package ferry.forwarding.limits;

/**
 * How an attempt ended, as far as the limits care: the target answered (any status but an
 * overload one), said it is overloaded ({@code 429}, {@code 503}), did not answer in time, or
 * refused or reset the connection. Everything but an answer is a sign to send less.
 */
public enum Outcome {
    SUCCESS,
    OVERLOAD,
    TIMEOUT,
    REFUSED;

    /** Overload, timeout and refusal all mean the target cannot take more right now. */
    public boolean failure() {
        return this != SUCCESS;
    }
}
