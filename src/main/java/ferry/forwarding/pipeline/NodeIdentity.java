package ferry.forwarding.pipeline;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** This gateway process's identity, which owns the attempt leases it takes. New at every start. */
@ApplicationScoped
public class NodeIdentity {

    private final String id = UUID.randomUUID().toString();

    public String id() {
        return id;
    }
}
