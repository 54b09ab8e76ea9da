package ferry.forwarding.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import java.time.Duration;

/**
 * The forwarding queue ({@code ferry.forward}): a message is a request id, pointing at its row.
 * Sends join the caller's JTA transaction (the resource adapter's connections are XA), so a
 * message exists exactly when the transaction that wrote the row commits. A delay is an Artemis
 * scheduled delivery: durable, no thread waits for it.
 */
@ApplicationScoped
public class WorkQueue {

    public static final String QUEUE = "ferry.forward";
    public static final String REQUEST_ID = "ferryRequestId";

    @Resource(lookup = "jms/ferry")
    ConnectionFactory connectionFactory;

    /** A message to send: which request, and after how long (null or zero: now). */
    public record Item(String requestId, Duration delay) {
    }

    public void enqueue(String requestId, Duration delay) {
        enqueueAll(java.util.List.of(new Item(requestId, delay)));
    }

    /** Sends many messages through one session and producer (in the caller's transaction). */
    public void enqueueAll(java.util.List<Item> items) {
        try (JMSContext context = connectionFactory.createContext()) {
            Queue queue = context.createQueue(QUEUE);
            JMSProducer producer = context.createProducer();
            for (Item item : items) {
                Duration delay = item.delay();
                producer.setDeliveryDelay(delay != null && !delay.isNegative() ? delay.toMillis() : 0);
                producer.setProperty(REQUEST_ID, item.requestId()).send(queue, item.requestId());
            }
        }
    }
}
