package ferry.requests.control;

import ferry.requests.entity.Attempt;

/** One entry of {@code GET /requests/{id}/attempts} (CONTRACT.md §5). */
public class AttemptView {
    public int number;
    public String startedAt;
    public long durationMs;
    public String outcome;
    public Integer status;
    public String error;
    public boolean retryable;
    public Long nextDelayMs;

    public static AttemptView of(Attempt a) {
        AttemptView v = new AttemptView();
        v.number = a.getNumber();
        v.startedAt = a.getStartedAt().toString();
        v.durationMs = a.getDurationMs();
        v.outcome = a.getOutcome();
        v.status = a.getStatus();
        v.error = a.getError();
        v.retryable = a.isRetryable();
        v.nextDelayMs = a.getNextDelayMs();
        return v;
    }
}
