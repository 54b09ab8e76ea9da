package ferry.forwarding.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Forwards one request: claim (short transaction), send (no transaction: a slow target holds no
 * locks), record (short transaction). If this fails before recording, the message is redelivered
 * or the lease runs out; the row always says what is left to do.
 */
@ApplicationScoped
public class Forwarder {

    @Inject
    AttemptClaims claims;

    @Inject
    TargetClient target;

    @Inject
    DurableOutcome recorder;

    @Inject
    NodeIdentity node;

    public void forward(String requestId) {
        claims.claim(requestId, node.id()).ifPresent(ticket -> recorder.record(ticket, send(ticket)));
    }

    private AttemptResult send(Ticket ticket) {
        Instant started = Instant.now();
        try {
            return target.send(ticket.outbound());
        } catch (TimeoutException e) {
            return new AttemptResult(AttemptResult.TIMEOUT, 0, null, null, "outer attempt cap reached",
                    started, java.time.Duration.between(started, Instant.now()).toMillis());
        }
    }
}
