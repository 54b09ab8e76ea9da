package ferry.requests.results;

import ferry.requests.bodies.BodyKind;
import ferry.requests.bodies.Bodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;

/**
 * Streams a stored target answer's body to the client a chunk at a time ({@link Bodies}), so
 * that serving large bodies (up to 10 MiB each) to many clients, some of them slow, holds neither
 * the bodies in the heap nor a database connection per client.
 */
@ApplicationScoped
public class ResponseBodies {

    @Inject
    Bodies bodies;

    public StreamingOutput of(String requestId) {
        return out -> {
            try (InputStream body = bodies.open(requestId, BodyKind.RESPONSE)) {
                body.transferTo(out);
            }
        };
    }
}
