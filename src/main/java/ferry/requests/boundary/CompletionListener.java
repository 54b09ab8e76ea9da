package ferry.requests.boundary;

import ferry.requests.results.Waiters;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/**
 * Hears the completion events of every node (non-durable subscription to {@code ferry.events}:
 * a node that is down has no waiters to wake) and wakes this node's waiters. One session, so
 * each event arrives once per node.
 */
@MessageDriven(name = "CompletionListener") // activation: WEB-INF/ejb-jar.xml
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CompletionListener implements MessageListener {

    @Inject
    Waiters waiters;

    @Override
    public void onMessage(Message message) {
        try {
            if (message instanceof TextMessage text && text.getText() != null) {
                waiters.finished(text.getText().trim());
            }
        } catch (JMSException e) {
            // An unreadable event wakes nobody; the waiters' own timeouts still answer them.
        }
    }
}
