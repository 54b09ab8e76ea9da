package ferry.forwarding.pipeline;

import ferry.forwarding.attempts.AttemptRecorder;
import ferry.forwarding.attempts.Ticket;
import ferry.forwarding.retry.Decision;
import ferry.forwarding.target.AttemptResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Records an attempt's outcome, retrying a failed database or broker commit: the HTTP attempt
 * has happened and must be counted. Outside {@link AttemptRecorder}, so that each retry runs in
 * a transaction of its own (the transaction interceptor would otherwise wrap the retries). If
 * every try fails, the row stays {@code processing} under this node's lease; once the lease runs
 * out, the recovery sweep records the attempt as abandoned and the retry policy decides again.
 */
@ApplicationScoped
public class DurableOutcome {

    @Inject
    AttemptBatches batches;

    /** Five tries over roughly three seconds ride out a database fail-over or broker reconnect. */
    @Retry(maxRetries = 4, delay = 500, jitter = 200, abortOn = IllegalStateException.class)
    public Decision record(Ticket ticket, AttemptResult result) {
        return batches.record(ticket, result);
    }
}
