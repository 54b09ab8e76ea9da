package ferry.requests.dispatch;

import ferry.platform.control.Destinations;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import java.time.Duration;
import java.util.List;

/**
 * The forwarding queue ({@link Destinations#FORWARD}): a message carries request ids, one per
 * line ({@link ForwardMessages}), each pointing at its row. Sends join the caller's JTA transaction (the resource adapter's connections are XA),
 * so a message exists exactly when that transaction commits. A delay is an Artemis scheduled
 * delivery: durable, no thread waits for it. Only {@link Dispatch} and its batches send here.
 */
@ApplicationScoped
public class ForwardQueue {

    /** The property that carried the request id on messages from before issue 18 (their body carries it too). */
    public static final String REQUEST_ID = "ferryRequestId";

    /** The message property that carries the request's proxy (absent on messages from before issue 14). */
    public static final String PROXY_ID = "ferryProxyId";

    @Resource(lookup = "jms/ferry")
    ConnectionFactory connectionFactory;

    /**
     * Sends the requests' messages ({@link ForwardMessages}: due ones share a message per proxy)
     * through one session and producer, in the caller's transaction.
     */
    public void send(List<DueRequest> due) {
        try (JMSContext context = connectionFactory.createContext()) {
            Queue queue = context.createQueue(Destinations.FORWARD);
            JMSProducer producer = context.createProducer();
            for (ForwardMessages.Message message : ForwardMessages.of(due)) {
                Duration delay = message.delay(); // null: due now (ForwardMessages gives the due ones none)
                producer.setDeliveryDelay(delay == null ? 0 : delay.toMillis());
                producer.setProperty(PROXY_ID, message.proxyId());
                producer.send(queue, message.body());
            }
        }
    }
}
