package ferry.intake.boundary;

import ferry.intake.jms.ReplySender;
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

/**
 * Sends JMS replies that are still waiting every {@code ferry.jms.replies-every} (default
 * {@code PT5S}): those a broker outage held back, or written before a restart. A new reply does
 * not wait for it: its commit wakes the sender at once.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration") // the schema must exist before the first run
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReplyTimer extends BatchTimer {

    @Inject
    ReplySender sender;

    @Inject
    @ConfigProperty(name = "ferry.jms.replies-every", defaultValue = "PT5S")
    String every;

    @Override
    protected String every() {
        return every;
    }

    @Override
    protected boolean runBatch() {
        sender.sendDue();
        return false;
    }
}
