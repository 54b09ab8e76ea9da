package ferry.intake.jms;

import ferry.platform.control.SkipLocked;
import ferry.requests.bodies.Bodies;
import ferry.requests.bodies.BodyKind;
import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.logging.Logger;

/**
 * Sends waiting replies, each send and the deletion of its row in one XA transaction of its own:
 * a reply is sent once it has committed, and its row is gone exactly then. A reply whose destination no
 * longer exists (a temporary queue whose producer has gone) is dropped with a log line, not
 * retried forever; one whose request has ended again since, or been purged, is dropped too.
 */
@Stateless
public class ReplyAttempts {

    private static final Logger LOG = Logger.getLogger(ReplyAttempts.class.getName());

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Resource(lookup = "jms/ferry")
    ConnectionFactory connectionFactory;

    @Inject
    Bodies bodies;

    /** The waiting replies, oldest first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> due(int max) {
        return em.createNamedQuery(JmsReply.DUE, JmsReply.class).setMaxResults(max).getResultStream()
                .map(JmsReply::getId).toList();
    }

    /**
     * Sends one reply and deletes its row, in one transaction of its own: a reply that cannot be
     * sent holds back no other. Skipped if another node is sending it.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void send(String replyId) {
        List<JmsReply> locked = SkipLocked.lockAtMost(em.createNamedQuery(JmsReply.BY_ID, JmsReply.class)
                .setParameter("id", replyId), 1);
        if (locked.isEmpty()) {
            return; // sent meanwhile, or being sent elsewhere
        }
        JmsReply reply = locked.get(0);
        em.remove(reply);
        ForwardRequest request = em.find(ForwardRequest.class, reply.getRequestId());
        if (request == null || !reply.getEndedAt().equals(request.getCompletedAt())) {
            LOG.info(() -> "Reply for request " + reply.getRequestId() + " dropped: the request has been "
                    + (request == null ? "purged" : "retried") + " since this ending");
            return;
        }
        try (JMSContext context = connectionFactory.createContext()) {
            Destination destination;
            try {
                destination = ReplyAddress.destination(context, reply.getReplyTo());
            } catch (JMSRuntimeException e) {
                // Looking it up creates nothing (broker.xml): it is gone, with its producer.
                LOG.info(() -> "Reply for request " + reply.getRequestId() + " dropped: its destination "
                        + reply.getReplyTo() + " no longer exists");
                return;
            }
            context.createProducer().send(destination, message(context, request, reply));
        }
    }

    private Message message(JMSContext context, ForwardRequest request, JmsReply reply) {
        try {
            BytesMessage message = context.createBytesMessage();
            byte[] body = request.getResponseStatus() == null ? null : responseBody(request.getId());
            if (body != null) {
                message.writeBytes(body);
            }
            message.setJMSCorrelationID(reply.getCorrelationId());
            message.setStringProperty(MessageIntake.REQUEST_ID, request.getId());
            message.setStringProperty(MessageIntake.STATUS, request.getState().label());
            if (request.getResponseStatus() != null) {
                message.setIntProperty(MessageIntake.RESPONSE_STATUS, request.getResponseStatus());
            }
            if (request.getState() != RequestState.COMPLETED && request.getLastErrorType() != null) {
                message.setStringProperty(MessageIntake.ERROR, request.getLastErrorType() + ": " + request.getLastErrorMessage());
            }
            return message;
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot build the reply for request " + reply.getRequestId(), e);
        }
    }

    private byte[] responseBody(String requestId) {
        try (InputStream in = bodies.open(requestId, BodyKind.RESPONSE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
