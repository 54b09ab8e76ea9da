package ferry.callbacks.control;

import ferry.callbacks.entity.DeliveryState;
import ferry.callbacks.entity.WebhookAttempt;
import ferry.callbacks.entity.WebhookDelivery;
import java.time.Instant;
import java.util.List;

/**
 * One delivery as {@code GET /requests/{id}/deliveries} shows it (CONTRACT.md §8). The proxy's
 * callback URL is the admin's setting and is not shown; a request's own URL is.
 */
public class DeliveryView {
    public String webhookId;
    /** {@code proxy} (the proxy's callback) or {@code request} (its {@code Ferry-Callback-Url}). */
    public String receiver;
    public String url;
    public String state;
    public int attempts;
    public String nextAttemptAt;
    public Integer lastStatus;
    public String lastError;
    public String createdAt;
    public String finishedAt;
    public List<Attempt> history;

    /** One attempt of it. */
    public static class Attempt {
        public int number;
        public String startedAt;
        public long durationMs;
        public Integer status;
        public String error;
        public String nextAttemptAt;
    }

    public static DeliveryView of(WebhookDelivery d, List<WebhookAttempt> attempts) {
        DeliveryView v = new DeliveryView();
        v.webhookId = d.getId();
        v.receiver = d.isPerRequest() ? "request" : "proxy";
        v.url = d.getCallbackUrl();
        v.state = d.getState().label();
        v.attempts = d.getAttempts();
        v.nextAttemptAt = d.getState() == DeliveryState.PENDING ? text(d.getNextAttemptAt()) : null;
        v.lastStatus = d.getLastStatus();
        v.lastError = d.getLastError();
        v.createdAt = text(d.getCreatedAt());
        v.finishedAt = text(d.getFinishedAt());
        v.history = attempts.stream().map(a -> {
            Attempt one = new Attempt();
            one.number = a.getNumber();
            one.startedAt = text(a.getStartedAt());
            one.durationMs = a.getDurationMs();
            one.status = a.getStatus();
            one.error = a.getError();
            one.nextAttemptAt = text(a.getNextAttemptAt());
            return one;
        }).toList();
        return v;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
