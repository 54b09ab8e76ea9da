package ferry.platform.boundary;

import ferry.platform.problems.Problem;
import ferry.platform.problems.ProblemResponses;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers every {@link Problem} as RFC 9457 {@code application/problem+json} ({@link ProblemResponses}). */
@Provider
public class ProblemMapper implements ExceptionMapper<Problem> {

    @Override
    public Response toResponse(Problem problem) {
        return render(problem);
    }

    public static Response render(Problem problem) {
        return ProblemResponses.of(problem).build();
    }
}
