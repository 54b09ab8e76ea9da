package ferry.intake.boundary;

import ferry.proxies.entity.EntryPoint;
import jakarta.ws.rs.Path;

/**
 * {@code /async/{proxyId}/{path}}: queue a request for the proxy's target and answer {@code 202}
 * once it is durable (CONTRACT.md §3); with {@code Prefer: wait=N}, answer like sync mode.
 */
@Path("async")
public class AsyncIntakeResource extends EntryPointResource {

    @Override
    protected EntryPoint entry() {
        return EntryPoint.ASYNC;
    }
}
