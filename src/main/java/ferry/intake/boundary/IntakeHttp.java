package ferry.intake.boundary;

import ferry.intake.control.Accepted;
import ferry.intake.control.Intake;
import ferry.intake.control.Preferences;
import ferry.intake.control.Submission;
import ferry.platform.control.Problem;
import ferry.requests.boundary.ResultAnswers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ferry.platform.control.Json;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the two entry points share: turning a JAX-RS call into a {@link Submission}, and
 * answering it (CONTRACT.md §3, §5): at once with {@code 202}, or, in sync mode and with
 * {@code Prefer: wait=N}, with the target's answer if it comes in time, else {@code 202} and a
 * fetch URL. Honoured preferences are echoed in {@code Preference-Applied}, with {@code Vary: Prefer}.
 */
@ApplicationScoped
public class IntakeHttp {

    static final String ACCEPTED_MESSAGE = "Your request has been queued for processing.";
    static final String ALLOWED_METHODS = "POST, PUT, PATCH, DELETE, GET";

    @Inject
    Intake intake;

    @Inject
    ResultAnswers answers;

    void submit(String entry, String method, String proxyId, UriInfo uri, HttpHeaders headers, InputStream body,
                AsyncResponse async) {
        Submission submission = submission(entry, method, proxyId, uri, headers, body);
        Preferences prefer = Preferences.parse(submission.header("Prefer"));
        URI base = uri.getBaseUri(); // taken now: the answer may be built on another thread
        intake.accept(submission).whenComplete((accepted, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
                async.resume(cause);
            } else {
                answer(entry, accepted, prefer, base, async);
            }
        });
    }

    private void answer(String entry, Accepted accepted, Preferences prefer, URI base, AsyncResponse async) {
        URI status = jakarta.ws.rs.core.UriBuilder.fromUri(base).path("requests").path(accepted.requestId()).build();
        URI fetchUrl = jakarta.ws.rs.core.UriBuilder.fromUri(base).path("requests").path(accepted.requestId())
                .path("response").queryParam("wait", Preferences.MAX_WAIT_SECONDS).build();
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("Vary", "Prefer");
        extra.put("Ferry-Proxy-Code", "OK");
        extra.put("Ferry-Proxy-Message", "Request accepted and stored.");
        boolean sync = "sync".equals(entry);
        if (prefer.respondAsync()) {
            extra.put("Preference-Applied", "respond-async");
        }
        if (prefer.respondAsync() || (!sync && prefer.waitSeconds().isEmpty())) {
            Response.ResponseBuilder now = sync
                    ? answers.pending(accepted.requestId(), "queued", fetchUrl, 1)
                    : queued(accepted, status);
            extra.forEach(now::header);
            async.resume(now.build());
            return;
        }
        // Sync mode waits at most the proxy's sync.waitSeconds; Prefer: wait=N (at most 25) on
        // /async/ waits N, as asked.
        int wait = sync
                ? Math.min(accepted.syncWaitSeconds(), prefer.waitSeconds().orElse(accepted.syncWaitSeconds()))
                : prefer.waitSeconds().getAsInt();
        if (prefer.waitSeconds().isPresent()) {
            extra.put("Preference-Applied", "wait=" + wait);
        }
        answers.whenDone(accepted.requestId(), Duration.ofSeconds(wait), async, fetchUrl, extra);
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

    static Problem methodNotAllowed(String method) {
        return new Problem(405, "method-not-allowed", "Method not allowed",
                method + " is not accepted here; use " + ALLOWED_METHODS + ".")
                .withHeader("Allow", ALLOWED_METHODS)
                .atIntake("BAD_REQUEST");
    }

    /** The {@code 202} of the asynchronous entry point. */
    private static Response.ResponseBuilder queued(Accepted accepted, URI status) {
        String body = Json.object()
                .add("status", "queued")
                .add("requestId", accepted.requestId())
                .add("message", ACCEPTED_MESSAGE)
                .build().toString();
        Response.ResponseBuilder response = Response.accepted(body)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .location(status)
                .header("Ferry-Request-Id", accepted.requestId())
                .header("Retry-After", "1");
        if (accepted.warning() != null) {
            response.header("Ferry-Proxy-Warning", accepted.warning());
        }
        return response;
    }
}
