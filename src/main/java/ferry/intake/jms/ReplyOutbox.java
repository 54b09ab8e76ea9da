package ferry.intake.jms;

import ferry.requests.control.RequestEnded;
import ferry.requests.entity.ForwardRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;

/**
 * Writes the reply of a JMS submission that asked for one (JMSReplyTo) in the transaction that
 * ends it, whatever the ending (completed, failed, canceled): a crash after that commit delays
 * the reply, never loses it. {@link ReplySender} sends it once the ending has committed.
 */
@ApplicationScoped
public class ReplyOutbox {

    /** A reply was written; observed after the commit. */
    public record Queued(String replyId) {
    }

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    Event<Queued> queued;

    void onEnded(@Observes RequestEnded ended) {
        ForwardRequest request = ended.request();
        if (request.getReplyTo() == null) {
            return;
        }
        JmsReply reply = new JmsReply(UUID.randomUUID().toString(), request.getId(), request.getCompletedAt(),
                request.getReplyTo(), request.getReplyCorrelationId(), ended.now());
        em.persist(reply);
        queued.fire(new Queued(reply.getId()));
    }
}
