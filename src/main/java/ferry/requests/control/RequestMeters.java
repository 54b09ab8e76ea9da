package ferry.requests.control;

import ferry.platform.metrics.Labels;
import ferry.platform.metrics.ScrapeRefresh;
import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * What happens to requests as a whole: each one that ends is counted (per proxy, state and
 * reason) and logged in one line at INFO, the only line a request's life writes at that level
 * (README, "Observability"); and the backlog, unfinished requests per proxy and state, is
 * counted in the database when {@code /metrics} is scraped. Both only after the ending has
 * committed: an ending rolled back was never one.
 */
@ApplicationScoped
public class RequestMeters implements ScrapeRefresh {

    private static final Logger LOG = Logger.getLogger("ferry.requests.ended");

    @Inject
    MeterRegistry registry;

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    private MultiGauge backlog;

    @PostConstruct
    void start() {
        backlog = MultiGauge.builder("ferry.requests.backlog")
                .description("Unfinished requests per proxy and state (queued, processing, retrying), all nodes")
                .register(registry);
    }

    void ended(@Observes(during = TransactionPhase.AFTER_SUCCESS) RequestEnded ended) {
        ForwardRequest request = ended.request();
        String state = request.getState().name().toLowerCase(Locale.ROOT);
        String reason = reasonOf(request);
        Counter.builder("ferry.requests.finished")
                .description("Requests that reached a terminal state, per proxy, state and reason")
                .tag("proxy", request.getProxyId())
                .tag("state", state)
                .tag("reason", reason)
                .register(registry)
                .increment();
        LOG.info(() -> endLine(request, state, reason, ended));
    }

    /** The one line logged when a request ends: never a header, a body or a path. */
    static String endLine(ForwardRequest request, String state, String reason, RequestEnded ended) {
        long totalMs = request.getCreatedAt() == null ? -1 : Duration.between(request.getCreatedAt(), ended.now()).toMillis();
        return "Request ended: id=" + request.getId() + " proxy=" + request.getProxyId() + " state=" + state
                + " attempts=" + request.getAttempts() + " reason=" + reason + " totalMs=" + totalMs;
    }

    /** Why it ended: {@code none} when completed; else its error type (a code of Ferry's own). */
    static String reasonOf(ForwardRequest request) {
        return request.getState() == RequestState.COMPLETED ? "none" : Labels.code(request.getLastErrorType());
    }

    @Override
    public void beforeScrape() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Object[] row : em.createNamedQuery(ForwardRequest.UNFINISHED_BY_PROXY, Object[].class)
                .setParameter("states", RequestState.UNFINISHED).getResultList()) {
            String state = ((RequestState) row[1]).name().toLowerCase(Locale.ROOT);
            rows.add(MultiGauge.Row.of(Tags.of("proxy", (String) row[0], "state", state), (Long) row[2]));
        }
        backlog.register(rows, true);
    }
}
