package ferry.requests.control;

import ferry.proxies.control.ProxyDeleting;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Each proxy's backlog for intake's {@code limits.maxBacklog} check ({@link BacklogGauge}, counted in the database). */
@ApplicationScoped
public class Backlogs {

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    /** How old a proxy's count may be before intake counts again. */
    @Inject
    @ConfigProperty(name = "ferry.intake.backlog-refresh", defaultValue = "PT1S")
    Duration refresh;

    private BacklogGauge gauge;

    @PostConstruct
    void start() {
        gauge = new BacklogGauge(refresh.toNanos(), System::nanoTime, proxyId ->
                UnfinishedCount.of(em, proxyId));
    }

    public long unfinished(String proxyId) {
        return gauge.unfinished(proxyId);
    }

    public void added(String proxyId) {
        gauge.added(proxyId);
    }

    void onDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProxyDeleting deleted) {
        gauge.forget(deleted.proxyId());
    }
}
