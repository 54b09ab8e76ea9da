package ferry.intake.boundary;

import ferry.intake.control.Accepted;
import ferry.intake.control.Submission;
import ferry.platform.control.Problem;
import jakarta.json.Json;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps between JAX-RS and intake's plain types for the entry points. */
final class IntakeHttp {

    static final String ACCEPTED_MESSAGE = "Your request has been queued for processing.";

    private IntakeHttp() {
    }

    static Submission submission(String entry, String method, String proxyId, UriInfo uri, HttpHeaders headers,
                                 InputStream body) {
        String rawPath = uri.getPathParameters(false).getFirst("path");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> copy.put(name, List.copyOf(values)));
        String length = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        long contentLength = -1;
        try {
            contentLength = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            // the container has already refused such a request; treat as unknown
        }
        return new Submission(entry, proxyId, method, rawPath == null ? "" : rawPath,
                uri.getRequestUri().getRawQuery(), copy, body, contentLength);
    }

    static final String ALLOWED_METHODS = "POST, PUT, PATCH, DELETE, GET";

    static Problem methodNotAllowed(String method) {
        return new Problem(405, "method-not-allowed", "Method not allowed",
                method + " is not accepted here; use " + ALLOWED_METHODS + ".")
                .withHeader("Allow", ALLOWED_METHODS)
                .atIntake("BAD_REQUEST");
    }

    static Response accepted(Accepted accepted, UriInfo uri) {
        URI status = uri.getBaseUriBuilder().path("requests").path(accepted.requestId()).build();
        String body = Json.createObjectBuilder()
                .add("status", "queued")
                .add("requestId", accepted.requestId())
                .add("message", ACCEPTED_MESSAGE)
                .build().toString();
        Response.ResponseBuilder response = Response.accepted(body)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .location(status)
                .header("Ferry-Request-Id", accepted.requestId())
                .header("Retry-After", "1")
                .header("Ferry-Proxy-Code", "OK")
                .header("Ferry-Proxy-Message", "Request accepted and stored.");
        if (accepted.warning() != null) {
            response.header("Ferry-Proxy-Warning", accepted.warning());
        }
        return response.build();
    }
}
