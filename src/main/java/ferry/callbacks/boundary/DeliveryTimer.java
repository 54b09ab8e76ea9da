package ferry.callbacks.boundary;

import ferry.callbacks.sending.WebhookSender;
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
 * Looks for webhook attempts that came due every {@code ferry.callbacks.poll-every} (default
 * {@code PT1S}): retries, deliveries whose node died during an attempt, and those written on other
 * nodes. A new delivery does not wait for it: its commit wakes the sender at once.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration") // the schema must exist before the first run
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryTimer extends BatchTimer {

    @Inject
    WebhookSender sender;

    @Inject
    @ConfigProperty(name = "ferry.callbacks.poll-every", defaultValue = "PT1S")
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
