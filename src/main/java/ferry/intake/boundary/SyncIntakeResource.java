package ferry.intake.boundary;

import ferry.proxies.entity.EntryPoint;
import jakarta.ws.rs.Path;

/**
 * {@code /proxy/{proxyId}/{path}} (sync mode, CONTRACT.md §5): accept durably like intake, then
 * wait up to the proxy's {@code sync.waitSeconds} (or {@code Prefer: wait=N} if smaller) for the
 * target's answer; else {@code 202} with a fetch URL. {@code Prefer: respond-async} answers
 * {@code 202} at once. Such requests fail with deadline-exceeded after {@code sync.deadlineSeconds}.
 */
@Path("proxy")
public class SyncIntakeResource extends EntryPointResource {

    @Override
    protected EntryPoint entry() {
        return EntryPoint.SYNC;
    }
}
