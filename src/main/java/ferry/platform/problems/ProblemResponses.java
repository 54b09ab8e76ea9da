package ferry.platform.problems;

import jakarta.ws.rs.core.Response;

/**
 * A {@link Problem} as an HTTP answer: its status, {@code application/problem+json}, its headers,
 * and the problem as the entity ({@link ProblemDocument}, written by {@code ProblemJsonWriter}),
 * so that response filters can still read its code. For the exception mappers and for answers built ahead of time.
 */
public final class ProblemResponses {

    public static final String PROBLEM_JSON = "application/problem+json";

    private ProblemResponses() {
    }

    public static Response.ResponseBuilder of(Problem problem) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(PROBLEM_JSON).entity(new ProblemDocument(problem));
        problem.headers().forEach(response::header);
        return response;
    }
}
