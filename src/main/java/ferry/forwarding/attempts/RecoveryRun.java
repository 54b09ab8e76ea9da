package ferry.forwarding.attempts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One run of the recovery sweep, in batches; if a batch fails, its rows are swept one by one,
 * each in a transaction of its own, so that one row that cannot be handled (a corrupt document,
 * a bug) never stops recovery for every other request.
 */
@ApplicationScoped
public class RecoveryRun {

    private static final Logger LOG = Logger.getLogger(RecoveryRun.class.getName());

    /** Stuck requests the sweep found and took over (counted per batch that committed). */
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Inject
    Recovery recovery;

    /** @return whether the batch was full (sweep again at once) */
    public boolean batch() {
        try {
            int found = recovery.sweep();
            registry.counter("ferry.recovery.swept").increment(found);
            return found == Recovery.BATCH;
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "A recovery batch failed; sweeping its requests one by one", failed);
            for (String id : recovery.stuck()) {
                try {
                    recovery.sweepOne(id);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Request " + id + " could not be swept; the others were", e);
                }
            }
            return false;
        }
    }
}
