package ferry.platform.problems;

/**
 * The entity of a problem answer: the {@link Problem} until it is written. Not the exception
 * itself, because Payara's request tracing reads a {@code Throwable} entity of a 5xx answer as
 * the exception that caused it, and fails when there was none.
 */
public record ProblemDocument(Problem problem) {
}
