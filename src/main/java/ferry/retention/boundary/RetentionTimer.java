package ferry.retention.boundary;

import ferry.retention.control.Purge;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.DependsOn;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Purges expired results every {@code ferry.retention.purge-every} (default {@code PT1M},
 * CONTRACT.md §5). The timer is created at every start (not persistent): a missed run only
 * delays a purge that catches up by itself.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration") // the schema must exist before the first run
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RetentionTimer {

    private static final Logger LOG = Logger.getLogger(RetentionTimer.class.getName());

    @Resource
    TimerService timers;

    @Inject
    Purge purge;

    @Inject
    @ConfigProperty(name = "ferry.retention.purge-every", defaultValue = "PT1M")
    String every;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        long interval = Duration.parse(every).toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("ferry-retention-purge", false));
    }

    @Timeout
    void purge(Timer timer) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            long total = 0;
            for (int removed; (removed = purge.batch()) > 0; ) {
                total += removed;
                if (removed < Purge.BATCH) {
                    break;
                }
            }
            if (total > 0) {
                LOG.info("Retention purge removed " + total + " expired request(s)");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Retention purge failed; the next run will try again", e);
        } finally {
            running.set(false);
        }
    }
}
