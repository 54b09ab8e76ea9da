package ferry.platform.boundary;

import ferry.platform.control.Problem;
import ferry.platform.control.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Renders every {@link Problem} as RFC 9457 {@code application/problem+json}. */
@Provider
public class ProblemMapper implements ExceptionMapper<Problem> {

    public static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public Response toResponse(Problem problem) {
        return render(problem);
    }

    public static Response render(Problem problem) {
        JsonObjectBuilder body = Json.object()
                .add("type", "urn:ferry:problem:" + problem.code())
                .add("title", problem.title())
                .add("status", problem.status());
        if (problem.detail() != null) {
            body.add("detail", problem.detail());
        }
        if (!problem.errors().isEmpty()) {
            JsonArrayBuilder errors = Json.array();
            problem.errors().forEach(errors::add);
            body.add("errors", errors);
        }
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(PROBLEM_JSON)
                .entity(body.build().toString());
        problem.headers().forEach(response::header);
        if (problem.proxyCode() != null) {
            response.header("Ferry-Proxy-Code", problem.proxyCode())
                    .header("Ferry-Proxy-Message", problem.title() + ": " + problem.detail());
        }
        return response.build();
    }
}
