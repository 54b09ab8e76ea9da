package ferry.forwarding.control;

import ferry.requests.entity.Attempt;
import ferry.requests.entity.ForwardRequest;
import java.time.Instant;

/**
 * What an ended attempt leaves behind, decided in plain Java: the {@link RetryPlanner}'s
 * decision and the attempt's record. {@link AttemptRecorder} stores both and carries the
 * decision out (finish, or schedule the retry).
 *
 * @param attempt the attempt row: retryable and its planned delay only when a retry follows
 */
public record AttemptOutcome(Decision decision, Attempt attempt) {

    /**
     * @param attemptNumber the number of the attempt that ended
     * @param now           when it is recorded
     */
    public static AttemptOutcome of(ForwardRequest request, RetryPolicy policy, int attemptNumber, AttemptResult result,
                                    RetryPlanner planner, Instant now) {
        Decision decision = planner.decide(policy, attemptNumber, result, request.getNotBefore(),
                request.getDeadlineAt(), now);
        boolean retry = decision.kind() == Decision.Kind.RETRY;
        Attempt attempt = new Attempt(request.getId(), attemptNumber, result.startedAt(), result.durationMs(),
                result.outcome(), result.answered() ? result.status() : null, result.error(), retry,
                retry ? decision.delay().toMillis() : null);
        return new AttemptOutcome(decision, attempt);
    }

    /**
     * The attempt a lease expiry cut off (its node stopped during it): a timed-out attempt that
     * started when the request was claimed, and lasted until now.
     */
    public static AttemptResult abandoned(ForwardRequest request, Instant now) {
        Instant started = request.getUpdatedAt(); // set when the attempt was claimed
        return new AttemptResult(AttemptResult.TIMEOUT, 0, null, null,
                "attempt abandoned: its lease expired (the gateway stopped during the attempt)",
                started, java.time.Duration.between(started, now).toMillis());
    }
}
