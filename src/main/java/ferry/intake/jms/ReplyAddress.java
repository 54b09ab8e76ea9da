package ferry.intake.jms;

import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;

/**
 * A reply destination as a request keeps it: {@code queue:<name>} or {@code topic:<name>}. A
 * temporary queue is kept by its name like any queue: the broker refuses a reply to one that is
 * gone (nothing is created for it), and the reply is dropped.
 */
public final class ReplyAddress {

    /** The longest stored form ({@code forward_request.reply_to}). */
    public static final int MAX_LENGTH = 1024;

    private static final String QUEUE = "queue:";
    private static final String TOPIC = "topic:";

    private ReplyAddress() {
    }

    /** @return the stored form, or null if there is no reply destination */
    public static String of(Destination destination) {
        try {
            if (destination instanceof Queue queue) {
                return QUEUE + queue.getQueueName();
            }
            if (destination instanceof Topic topic) {
                return TOPIC + topic.getTopicName();
            }
        } catch (JMSException e) {
            throw new BadMessage("bad-request", "JMSReplyTo cannot be read: " + e.getMessage());
        }
        if (destination != null) {
            throw new BadMessage("bad-request", "JMSReplyTo must be a queue or a topic");
        }
        return null;
    }

    /** The destination to send a reply to, in {@code context}. */
    public static Destination destination(JMSContext context, String stored) {
        if (stored.startsWith(QUEUE)) {
            return context.createQueue(stored.substring(QUEUE.length()));
        }
        if (stored.startsWith(TOPIC)) {
            return context.createTopic(stored.substring(TOPIC.length()));
        }
        throw new IllegalArgumentException("not a reply address: " + stored);
    }
}
