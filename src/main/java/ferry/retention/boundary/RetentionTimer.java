package ferry.retention.boundary;

import ferry.platform.boundary.BatchTimer;
import ferry.retention.control.Purge;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Purges expired results every {@code ferry.retention.purge-every} (default {@code PT1M}, CONTRACT.md §5). */
@Startup
@Singleton
@DependsOn("DatabaseMigration") // the schema must exist before the first run
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RetentionTimer extends BatchTimer {

    @Inject
    Purge purge;

    /** Expired requests removed (counted per batch that committed). */
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Inject
    @ConfigProperty(name = "ferry.retention.purge-every", defaultValue = "PT1M")
    String every;

    @Override
    protected String every() {
        return every;
    }

    @Override
    protected boolean runBatch() {
        int removed = purge.batch();
        registry.counter("ferry.retention.purged").increment(removed);
        return removed == Purge.BATCH;
    }
}
