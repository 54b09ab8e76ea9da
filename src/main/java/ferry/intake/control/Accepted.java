package ferry.intake.control;

/** What intake answers once a request is durable. */
public record Accepted(String requestId, String proxyId, String warning) {
}
