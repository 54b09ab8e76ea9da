package ferry.intake.jms;

import ferry.intake.control.Accepted;
import ferry.intake.control.IntakeMeters;
import ferry.intake.control.Admission;
import ferry.intake.control.MessageOrigin;
import ferry.intake.control.Submission;
import ferry.platform.control.Destinations;
import ferry.platform.problems.Problem;
import ferry.platform.tracing.Tracing;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;

/**
 * Accepts one message from {@code ferry.intake} exactly as HTTP intake accepts a request of the
 * same proxy (CONTRACT.md §9): the same checks, storage and forwarding. Returns once the request
 * is durable (then the message may be acknowledged) or the message has gone to the dead-letter
 * queue; a refusal that passes (rate limit, full backlog, storage down) is thrown as
 * {@link Later}, so that the message is delivered again after the broker's back-off.
 */
@ApplicationScoped
public class MessageIntake {

    private static final Logger LOG = Logger.getLogger(MessageIntake.class.getName());

    /** Reply properties (CONTRACT.md §9). */
    public static final String REQUEST_ID = "ferryRequestId";
    public static final String STATUS = "ferryStatus";
    public static final String RESPONSE_STATUS = "ferryResponseStatus";
    public static final String ERROR = DeadLetters.FERRY_ERROR;
    /** On the reply to a message whose idempotency key named an earlier request with the same payload. */
    public static final String DUPLICATE = "ferryDuplicate";

    /** The longest correlation id a reply keeps ({@code forward_request.reply_correlation_id}). */
    static final int MAX_CORRELATION_ID = 255;

    /** Refusals that pass with time; everything else a message can be refused for never will. */
    private static final Set<String> PASSING = Set.of("rate-limited", "unavailable", "idempotency-key-in-flight");

    /** The message could not be accepted now: roll back, it comes again. */
    public static final class Later extends RuntimeException {
        Later(String why) {
            super(why, null, false, false);
        }
    }

    @Inject
    Admission admission;

    @Inject
    DeadLetters deadLetters;

    @Inject
    IntakeMeters meters;

    @Inject
    Tracing tracing;

    @Resource(lookup = "jms/ferry")
    ConnectionFactory connectionFactory;

    public void accept(Message message) {
        Submission submission;
        MessageOrigin origin;
        try {
            submission = MessageSubmissions.of(name -> property(message, name), body(message));
            origin = origin(message);
        } catch (BadMessage bad) {
            meters.refused("jms", bad.code());
            deadLetters.move(message, bad);
            return;
        }
        Accepted accepted;
        // The submission's intake span, current while it is admitted (Admission stores it).
        Tracing.Received span = tracing.received(Destinations.INTAKE, traceParentOf(message));
        try {
            accepted = admission.admitMessage(submission, origin).join();
        } catch (Problem | CompletionException e) {
            Problem problem = e instanceof Problem p ? p : e.getCause() instanceof Problem p ? p : null;
            String code = problem == null ? "unexpected" : problem.code();
            span.refused(code);
            meters.refused("jms", code);
            if (problem == null || passes(problem)) {
                throw new Later(problem == null ? String.valueOf(e.getCause()) : problem.code() + ": " + problem.detail());
            }
            deadLetters.move(message, new BadMessage(problem.code(), problem.detail()));
            return;
        } finally {
            span.close();
        }
        // A key sent again with the same payload is answered with the original request (as HTTP
        // answers it); a message delivered again after a crash (no key: its message id is its
        // key) is simply the one already stored, and its outcome has its reply already.
        if (accepted.replayed() && submission.header("Idempotency-Key") != null && origin.replyTo() != null) {
            replyDuplicate(origin, accepted.requestId());
        }
    }

    /**
     * Whether a refusal passes with time (the message comes again) rather than being final (it
     * goes to the dead-letter queue): rate limits, a full backlog or storage, a key still being
     * stored, and any failure of Ferry's own (5xx) pass; every other 4xx is about the message.
     */
    static boolean passes(Problem problem) {
        return PASSING.contains(problem.code()) || problem.status() >= 500;
    }

    private void replyDuplicate(MessageOrigin origin, String requestId) {
        try (JMSContext context = connectionFactory.createContext()) {
            Message reply = context.createMessage();
            reply.setJMSCorrelationID(origin.correlationId());
            reply.setStringProperty(REQUEST_ID, requestId);
            reply.setStringProperty(STATUS, "accepted");
            reply.setBooleanProperty(DUPLICATE, true);
            context.createProducer().send(ReplyAddress.destination(context, origin.replyTo()), reply);
        } catch (JMSException | RuntimeException e) {
            LOG.info(() -> "Reply to a duplicate of request " + requestId + " not sent: " + e);
        }
    }

    private static MessageOrigin origin(Message message) {
        try {
            String messageId = message.getJMSMessageID();
            String user = message.getStringProperty("JMSXUserID");
            if (user == null) {
                user = message.getStringProperty("_AMQ_VALIDATED_USER");
            }
            String replyTo = ReplyAddress.of(message.getJMSReplyTo());
            String correlation = message.getJMSCorrelationID() != null ? message.getJMSCorrelationID() : messageId;
            checkReply(replyTo, correlation);
            return new MessageOrigin(user, messageId, replyTo, correlation);
        } catch (JMSException e) {
            throw new BadMessage("bad-request", "the message's headers cannot be read: " + e.getMessage());
        }
    }

    /**
     * A reply address and correlation id the request can keep (the sizes of the columns that
     * store them): a longer one is the message's fault, refused before anything is stored, not a
     * failed store that would bring the message back for ever.
     */
    static void checkReply(String replyTo, String correlationId) {
        if (replyTo == null) {
            return;
        }
        if (replyTo.length() > ReplyAddress.MAX_LENGTH) {
            throw new BadMessage("bad-request", "JMSReplyTo names a destination longer than "
                    + (ReplyAddress.MAX_LENGTH - "queue:".length()) + " characters");
        }
        if (correlationId.length() > MAX_CORRELATION_ID) {
            throw new BadMessage("bad-request", "JMSCorrelationID is longer than " + MAX_CORRELATION_ID + " characters");
        }
    }

    /** The producer's W3C {@code traceparent} property, if it set one (never a reason to refuse). */
    private static String traceParentOf(Message message) {
        try {
            return message.getStringProperty("traceparent");
        } catch (JMSException | RuntimeException e) {
            return null;
        }
    }

    private static String property(Message message, String name) {
        try {
            return message.getStringProperty(name);
        } catch (JMSException | RuntimeException e) {
            throw new BadMessage("bad-request", name + " cannot be read as a string");
        }
    }

    /** The request body: a text message's text as UTF-8, a bytes message's bytes; a bare message has none. */
    static byte[] body(Message message) {
        try {
            if (message instanceof TextMessage text) {
                return text.getText() == null ? null : text.getText().getBytes(StandardCharsets.UTF_8);
            }
            if (message instanceof BytesMessage) {
                return message.getBody(byte[].class);
            }
            if (message instanceof MapMessage || message instanceof ObjectMessage || message instanceof StreamMessage) {
                throw new BadMessage("bad-request", "the body must be text or bytes");
            }
            return null;
        } catch (JMSException e) {
            throw new BadMessage("bad-request", "the body cannot be read: " + e.getMessage());
        }
    }
}
