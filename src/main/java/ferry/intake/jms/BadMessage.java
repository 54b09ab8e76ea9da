package ferry.intake.jms;

/**
 * A message that can never be accepted as it is: it goes to {@code ferry.intake.dlq} with a
 * {@code ferryError} property ({@link #ferryError()}), never back to the queue.
 *
 * @param code a problem code, as HTTP intake would answer it
 */
public final class BadMessage extends RuntimeException {

    private final String code;

    public BadMessage(String code, String message) {
        super(message, null, false, false); // an expected refusal: no stack trace
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The {@code ferryError} property: the problem code and the message. */
    public String ferryError() {
        return code + ": " + getMessage();
    }
}
