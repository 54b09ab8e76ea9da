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

    public void enqueue(String requestId, Duration delay) {
        try (JMSContext context = connectionFactory.createContext()) {
            Queue queue = context.createQueue(QUEUE);
            JMSProducer producer = context.createProducer();
            if (delay != null && !delay.isNegative() && !delay.isZero()) {
                producer.setDeliveryDelay(delay.toMillis());
            }
            producer.setProperty(REQUEST_ID, requestId).send(queue, requestId);
        }
    }
}
