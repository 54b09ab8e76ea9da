package ferry.requests.results;

import ferry.platform.concurrent.ThreadPools;
import ferry.platform.control.Json;
import ferry.platform.problems.Problem;
import ferry.platform.problems.ProblemResponses;
import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.logging.Logger;

/**
 * How a request's result is answered (CONTRACT.md §5), now or when it is done: the target's
 * answer exactly, {@code 504} without one, {@code 409} if canceled, else {@code 202} with a fetch
 * URL. Every answer says which request and state it is about ({@code Ferry-Request-Id},
 * {@code Ferry-Request-Status}), so a client can tell a target's own 202 or 404 from Ferry's.
 */
@ApplicationScoped
public class ResultAnswers {

    private static final Logger LOG = Logger.getLogger(ResultAnswers.class.getName());
    static final String PENDING_MESSAGE = "The request is still being processed; fetch its response from fetchUrl.";

    /**
     * Answers are built on event and timer threads too, where the container's request-bound
     * entity manager is already closed: each read gets an entity manager of its own.
     */
    @PersistenceUnit(unitName = "ferry")
    EntityManagerFactory emf;

    @Inject
    Waiters waiters;

    @Inject
    ResponseBodies bodies;

    @Resource
    ManagedThreadFactory threads;

    /**
     * Threads that write the answers of waiting clients. Resuming a response writes it on the
     * resuming thread, whole (up to 10 MiB): on the one completion-events or deadline thread, a
     * client that reads slowly would hold every other tenant's wake-ups and time-outs.
     */
    @Inject
    @ConfigProperty(name = "ferry.results.answer-threads", defaultValue = "32")
    int answerThreads;

    private ExecutorService answering;

    @PostConstruct
    void start() {
        answering = ThreadPools.fixed(threads, "ferry-answer", answerThreads);
    }

    @PreDestroy
    void stop() {
        answering.shutdownNow();
    }

    /**
     * Answers {@code async} once the request is done or {@code wait} has passed. No thread waits:
     * whoever wakes the waiter (the completion event or the time-out) hands the answer to an
     * answer thread, which builds and writes it.
     */
    public void whenDone(String requestId, Duration wait, AsyncResponse async, URI fetchUrl, Map<String, String> extra) {
        var waiter = waiters.await(requestId, wait, () -> answering.execute(() -> {
            try {
                async.resume(now(requestId, fetchUrl, extra));
            } catch (RuntimeException e) {
                // Runs on an answer thread: nobody else would see the failure.
                LOG.log(Level.WARNING, "Could not answer a waiting client of request " + requestId, e);
                async.resume(e);
            }
        }));
        ForwardRequest current = read(requestId);
        if (current == null || current.getState().isTerminal()) {
            waiter.fire(); // finished before (or while) the waiter was registered
        }
    }

    /** The answer for the request as it stands now. */
    public Response now(String requestId, URI fetchUrl, Map<String, String> extra) {
        ForwardRequest request = read(requestId);
        Response.ResponseBuilder answer;
        if (request == null) {
            answer = problem(Problem.notFound("request-not-found", "No request " + requestId + "."), requestId, "unknown");
        } else {
            answer = render(request, fetchUrl);
        }
        extra.forEach((name, value) -> answer.header(name, null).header(name, value)); // replace, not repeat
        return answer.build();
    }

    private ForwardRequest read(String requestId) {
        EntityManager em = emf.createEntityManager();
        try {
            return em.find(ForwardRequest.class, requestId);
        } finally {
            em.close();
        }
    }

    private Response.ResponseBuilder render(ForwardRequest request, URI fetchUrl) {
        RequestState state = request.getState();
        String label = state.label();
        if (state == RequestState.CANCELED) {
            return problem(Problem.conflict("request-canceled", "The request was canceled: "
                    + request.getLastErrorMessage()), request.getId(), label);
        }
        // Past its deadline the caller was promised an answer in time and got none: 504, even if an
        // earlier attempt's (retryable) answer is stored.
        boolean deadlinePassed = "deadline-exceeded".equals(request.getLastErrorType());
        if (state.isTerminal() && request.getResponseStatus() != null && !deadlinePassed) {
            Response.ResponseBuilder answer = Response.status(request.getResponseStatus());
            Map<String, List<String>> headers = Json.readHeaders(request.getResponseHeaders());
            headers.forEach((name, values) -> values.forEach(value -> answer.header(name, value)));
            answer.entity(bodies.of(request.getId()));
            ferryHeaders(answer, request.getId(), label);
            AcceptedHeaders.of(request.getMethod()).forEach(answer::header);
            return answer;
        }
        if (state.isTerminal()) {
            return problem(new Problem(504, "no-target-answer", "No answer from the target",
                    request.getLastErrorMessage()), request.getId(), label);
        }
        return pending(request.getId(), label, fetchUrl, retryAfterSeconds(request));
    }

    /** {@code 202}: not finished yet, fetch the answer later from {@code fetchUrl} (which long-polls). */
    public Response.ResponseBuilder pending(String requestId, String state, URI fetchUrl, long retryAfterSeconds) {
        String body = Json.object()
                .add("status", state)
                .add("requestId", requestId)
                .add("fetchUrl", fetchUrl.toString())
                .add("message", PENDING_MESSAGE)
                .build().toString();
        Response.ResponseBuilder pending = Response.accepted(body).type(MediaType.APPLICATION_JSON_TYPE)
                .location(fetchUrl)
                .header("Retry-After", Long.toString(retryAfterSeconds));
        ferryHeaders(pending, requestId, state);
        return pending;
    }

    private static long retryAfterSeconds(ForwardRequest request) {
        Instant next = request.getNextAttemptAt();
        long seconds = next == null ? 1 : Duration.between(Instant.now(), next).toSeconds() + 1;
        return Math.max(1, Math.min(seconds, 60));
    }

    private static Response.ResponseBuilder problem(Problem problem, String requestId, String state) {
        problem.withHeader("Ferry-Request-Id", requestId).withHeader("Ferry-Request-Status", state);
        return ProblemResponses.of(problem);
    }

    private static void ferryHeaders(Response.ResponseBuilder answer, String requestId, String state) {
        answer.header("Ferry-Request-Id", requestId).header("Ferry-Request-Status", state);
    }
}
