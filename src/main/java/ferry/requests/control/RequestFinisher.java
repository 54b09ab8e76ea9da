package ferry.requests.control;

import ferry.requests.results.CompletionEvents;

import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The one way a request ends: the final state, the reason, how long the result is kept, and
 * the completion event that wakes whoever waits for it, and {@link RequestEnded} for what follows
 * an ending. Joins the caller's transaction.
 */
@ApplicationScoped
public class RequestFinisher {

    @Inject
    CompletionEvents events;

    @Inject
    Event<RequestEnded> ended;

    public void finish(ForwardRequest request, RequestState end, String errorType, String message,
                       long retentionSeconds, Instant now) {
        if (!end.isTerminal()) {
            throw new IllegalArgumentException(end + " does not end a request");
        }
        if (errorType != null) {
            request.recordError(errorType, message);
        }
        request.moveTo(end, now);
        request.keepFor(retentionSeconds);
        ended.fire(new RequestEnded(request, now));
        events.finished(request.getId());
    }
}
