package ferry.intake.boundary;

import ferry.intake.control.Accepted;
import ferry.intake.control.Admission;
import ferry.intake.control.Submission;
import ferry.platform.control.Json;
import ferry.platform.problems.Problem;
import ferry.proxies.entity.EntryPoint;
import ferry.requests.results.AcceptedHeaders;
import ferry.requests.results.Preferences;
import ferry.requests.results.ResultAnswers;
import ferry.requests.results.ResultUrls;
import ferry.requests.results.ResultWait;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import java.util.concurrent.CompletionException;

/**
 * What the two entry points share: turning a JAX-RS call into a {@link Submission}, and
 * answering it once admitted (CONTRACT.md §3, §5): at once with {@code 202}, or after a wait
 * ({@link ResultWait}) with the target's answer if it comes in time, else {@code 202} and a
 * fetch URL. The {@code 202} carries the accepted headers; {@link IntakeProxyCodes} adds the
 * {@code Ferry-Proxy-Code} to every other answer.
 */
@ApplicationScoped
public class SubmissionHandler {

    static final String ACCEPTED_MESSAGE = "Your request has been queued for processing.";
    static final String ALLOWED_METHODS = "POST, PUT, PATCH, DELETE, GET";

    @Inject
    Admission admission;

    @Inject
    ResultAnswers answers;

    void submit(EntryPoint entry, String method, String proxyId, UriInfo uri, HttpHeaders headers, InputStream body,
                AsyncResponse async) {
        Submission submission = submission(entry, method, proxyId, uri, headers, body);
        Preferences prefer = Preferences.parse(submission.header("Prefer"));
        URI base = uri.getBaseUri(); // taken now: the answer may be built on another thread
        admission.admit(submission).whenComplete((accepted, failure) -> {
            if (failure != null) {
                async.resume(failure instanceof CompletionException ? failure.getCause() : failure);
            } else {
                answer(submission, accepted, prefer, base, async);
            }
        });
    }

    private void answer(Submission submission, Accepted accepted, Preferences prefer, URI base, AsyncResponse async) {
        boolean sync = submission.entry() == EntryPoint.SYNC;
        ResultWait wait = ResultWait.of(sync, accepted.syncWaitSeconds(), prefer);
        URI fetchUrl = ResultUrls.fetch(base, accepted.requestId());
        if (wait.now()) {
            Response.ResponseBuilder now = sync
                    ? answers.pending(accepted.requestId(), "queued", fetchUrl, 1)
                    : queued(accepted, submission.method(), ResultUrls.status(base, accepted.requestId()));
            wait.headers().forEach(now::header);
            if (accepted.replayed()) {
                now.header("Idempotent-Replayed", "true");
            }
            async.resume(now.build());
        } else {
            Map<String, String> extra = new LinkedHashMap<>(wait.headers());
            if (accepted.replayed()) {
                extra.put("Idempotent-Replayed", "true");
            }
            answers.whenDone(accepted.requestId(), Duration.ofSeconds(wait.seconds()), async, fetchUrl, extra);
        }
    }

    static Submission submission(EntryPoint entry, String method, String proxyId, UriInfo uri, HttpHeaders headers,
                                 InputStream body) {
        String rawPath = PathBelowProxy.of(uri.getBaseUri(), uri.getRequestUri());
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> copy.put(name, List.copyOf(values)));
        String length = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        long contentLength = -1;
        try {
            contentLength = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            // the container has already refused such a request; treat as unknown
        }
        return new Submission(entry, proxyId, method, rawPath,
                uri.getRequestUri().getRawQuery(), copy, body, contentLength);
    }

    static Problem methodNotAllowed(String method) {
        return new Problem(405, "method-not-allowed", "Method not allowed",
                method + " is not accepted here; use " + ALLOWED_METHODS + ".")
                .withHeader("Allow", ALLOWED_METHODS);
    }

    /** The {@code 202} of the asynchronous entry point. */
    private static Response.ResponseBuilder queued(Accepted accepted, String method, URI status) {
        String body = Json.object()
                .add("status", "queued")
                .add("requestId", accepted.requestId())
                .add("message", ACCEPTED_MESSAGE)
                .build().toString();
        Response.ResponseBuilder queued = Response.accepted(body)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .location(status)
                .header("Ferry-Request-Id", accepted.requestId())
                .header("Retry-After", "1");
        AcceptedHeaders.of(method).forEach(queued::header);
        return queued;
    }
}
