package ferry.forwarding.attempts;

import ferry.forwarding.retry.Decision;
import ferry.forwarding.retry.RetryPlanner;
import ferry.forwarding.retry.RetryPolicy;
import ferry.forwarding.target.AttemptResult;
import ferry.requests.entity.Attempt;
import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import java.time.Duration;
import java.time.Instant;

/**
 * What an ended attempt leaves behind, decided in plain Java: the {@link RetryPlanner}'s
 * decision and the attempt's record. {@link AttemptRecorder} stores both and carries the
 * decision out (finish, or {@link #scheduleRetry}).
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
        // The retry budget and back-off count the attempts of the current series (a manual retry starts one).
        Decision decision = planner.decide(policy, request.attemptInSeries(attemptNumber), result, request.getNotBefore(),
                request.getDeadlineAt(), now);
        boolean retry = decision.kind() == Decision.Kind.RETRY;
        Attempt attempt = new Attempt(request.getId(), attemptNumber, result.startedAt(), result.durationMs(),
                result.outcome(), result.answered() ? result.status() : null, result.error(), retry,
                retry ? decision.delay().toMillis() : null);
        return new AttemptOutcome(decision, attempt);
    }

    /**
     * What follows an attempt a lease expiry cut off: the request's latest attempt (the one its
     * lease was for), counted as {@link #abandoned}.
     */
    static AttemptOutcome ofAbandoned(ForwardRequest request, RetryPolicy policy, RetryPlanner planner,
                                      Instant now) {
        return of(request, policy, request.getAttempts(), abandoned(request, now), planner, now);
    }

    /**
     * Carries out a retry decision on the row: {@code retrying}, lease released, due after the
     * delay. The row's due time matters once the scheduled message is lost: the recovery sweep
     * reads it to tell an overdue request from one still waiting for its delay.
     */
    static void scheduleRetry(ForwardRequest request, Duration delay, Instant now) {
        request.moveTo(RequestState.RETRYING, now);
        request.scheduleNext(now.plus(delay));
    }

    /**
     * The attempt a lease expiry cut off (its node stopped during it): a timed-out attempt that
     * started when the request was claimed, and lasted until now.
     */
    public static AttemptResult abandoned(ForwardRequest request, Instant now) {
        Instant started = request.getUpdatedAt(); // set when the attempt was claimed
        return new AttemptResult(AttemptResult.TIMEOUT, 0, null, null,
                "attempt abandoned: its lease expired (the gateway stopped during the attempt)",
                started, Duration.between(started, now).toMillis());
    }
}
