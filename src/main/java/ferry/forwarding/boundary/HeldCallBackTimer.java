package ferry.forwarding.boundary;

import ferry.forwarding.attempts.AttemptHolds;
import ferry.forwarding.pipeline.ProxyGates;
import ferry.platform.boundary.BatchTimer;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every {@code ferry.forwarding.call-back-every} (default {@code PT0.1S}), calls back held
 * requests of proxies whose targets have room before the times the requests were held for
 * ({@link ProxyGates#toCallBack}): held requests are spread by the limit and latency of when they
 * were held, and without this a limit that grew since would idle while they wait.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration") // the schema must exist before the first run
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HeldCallBackTimer extends BatchTimer {

    private static final Logger LOG = Logger.getLogger(HeldCallBackTimer.class.getName());

    @Inject
    ProxyGates gates;

    @Inject
    AttemptHolds holds;

    @Inject
    @ConfigProperty(name = "ferry.forwarding.call-back-every", defaultValue = "PT0.1S")
    String every;

    @Override
    protected String every() {
        return every;
    }

    @Override
    protected boolean runBatch() {
        gates.toCallBack(java.time.Duration.parse(every)).forEach((proxyId, n) -> {
            try {
                holds.callBack(proxyId, n);
            } catch (RuntimeException e) {
                // A row changed meanwhile (claimed, canceled): the next round calls back again.
                LOG.log(Level.FINE, "Calling back held requests of " + proxyId + " failed", e);
            }
        });
        return false;
    }
}
