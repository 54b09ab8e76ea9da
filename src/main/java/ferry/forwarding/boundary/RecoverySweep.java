package ferry.forwarding.boundary;

import ferry.forwarding.control.Recovery;
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
 * Runs the recovery sweep every {@code ferry.recovery.sweep-every} (default 30 s). The timer is
 * not persistent: it is created anew at every start, and a missed run only delays a sweep that
 * is idempotent anyway.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration") // the schema must exist before the first run
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RecoverySweep {

    private static final Logger LOG = Logger.getLogger(RecoverySweep.class.getName());

    @Resource
    TimerService timers;

    @Inject
    Recovery recovery;

    @Inject
    @ConfigProperty(name = "ferry.recovery.sweep-every", defaultValue = "PT30S")
    String every;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        long interval = Duration.parse(every).toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("ferry-recovery-sweep", false));
    }

    @Timeout
    void sweep(Timer timer) {
        if (!running.compareAndSet(false, true)) {
            return; // the previous sweep is still working through a backlog
        }
        try {
            while (recovery.sweep() == Recovery.BATCH) {
                // a full batch: more may be waiting
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Recovery sweep failed; the next one will try again", e);
        } finally {
            running.set(false);
        }
    }
}
