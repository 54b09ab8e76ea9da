package ferry.platform.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A periodic job in bounded batches, for {@code @Startup @Singleton} EJBs: an interval timer that
 * is created anew at every start (not persistent: a missed run only delays work that catches up
 * by itself), runs batches while they come back full, and never overlaps itself.
 */
public abstract class BatchTimer {

    private static final Logger LOG = Logger.getLogger(BatchTimer.class.getName());

    @Resource
    TimerService timers;

    private final AtomicBoolean running = new AtomicBoolean();

    /** The interval, as an ISO-8601 duration from configuration. */
    protected abstract String every();

    /** @return whether the batch was full, so that another one should run at once */
    protected abstract boolean runBatch();

    @PostConstruct
    void schedule() {
        long interval = Duration.parse(every()).toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig(getClass().getSimpleName(), false));
    }

    @Timeout
    void tick(Timer timer) {
        if (!running.compareAndSet(false, true)) {
            return; // the previous run is still working through a backlog
        }
        try {
            while (runBatch()) {
                // a full batch: more may be waiting
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, getClass().getSimpleName() + " failed; the next run will try again", e);
        } finally {
            running.set(false);
        }
    }
}
