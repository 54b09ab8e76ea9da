package ferry.forwarding.boundary;

import ferry.forwarding.attempts.RecoveryRun;
import ferry.platform.boundary.BatchTimer;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Runs the recovery sweep every {@code ferry.recovery.sweep-every} (default 30 s). */
@Startup
@Singleton
@DependsOn("DatabaseMigration") // the schema must exist before the first run
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RecoverySweep extends BatchTimer {

    @Inject
    RecoveryRun recovery;

    @Inject
    @ConfigProperty(name = "ferry.recovery.sweep-every", defaultValue = "PT30S")
    String every;

    @Override
    protected String every() {
        return every;
    }

    @Override
    protected boolean runBatch() {
        return recovery.batch();
    }
}
