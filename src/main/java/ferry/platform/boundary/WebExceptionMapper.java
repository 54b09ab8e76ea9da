package ferry.platform.boundary;

import ferry.platform.problems.Problem;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The JAX-RS runtime's own errors (unknown path, wrong method, bad media type) as problems too. */
@Provider
public class WebExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Problem problem = switch (status) {
            case 404 -> Problem.notFound("not-found", "No resource at this path.");
            case 405 -> new Problem(405, "method-not-allowed", "Method not allowed", "This method is not supported here.");
            case 415 -> new Problem(415, "unsupported-media-type", "Unsupported media type", "Send application/json.");
            case 406 -> new Problem(406, "not-acceptable", "Not acceptable", "This resource answers with JSON.");
            default -> status < 500
                    ? Problem.badRequest("The request could not be processed.")
                    : new Problem(status, "internal-error", "Internal error", "The gateway failed to handle the request.");
        };
        if (e instanceof NotAllowedException) {
            String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
            if (allow != null) {
                problem.withHeader(HttpHeaders.ALLOW, allow);
            }
        }
        return ProblemMapper.render(problem);
    }
}
