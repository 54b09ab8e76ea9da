package ferry.requests.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;

/**
 * Announces that a request has finished, on the broker topic {@code ferry.events}, in the
 * transaction that finished it: every node hears it (long-polls and sync calls may wait on
 * another node than the one that forwarded), and only once the outcome is committed.
 */
@ApplicationScoped
public class CompletionEvents {

    public static final String TOPIC = "ferry.events";

    @Resource(lookup = "jms/ferry")
    ConnectionFactory connectionFactory;

    public void finished(String requestId) {
        try (JMSContext context = connectionFactory.createContext()) {
            context.createProducer().send(context.createTopic(TOPIC), requestId);
        }
    }
}
