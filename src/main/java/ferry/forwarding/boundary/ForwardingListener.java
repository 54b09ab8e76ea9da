package ferry.forwarding.boundary;

import ferry.forwarding.pipeline.Forwarder;
import ferry.requests.dispatch.ForwardMessages;
import ferry.requests.dispatch.ForwardQueue;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.logging.Logger;

/**
 * Consumes the forwarding queue and hands a message's request ids (and their proxy, which the
 * message carries) to the {@link Forwarder}, which takes each into its pipeline or holds it. No container transaction: the forwarder opens short ones around the
 * HTTP attempt, never one across it. The message is a hint; once handed over, the row carries
 * the work (see Forwarder). Its destination and sessions are set in {@code WEB-INF/ejb-jar.xml};
 * the resource adapter is named in glassfish-ejb-jar.xml (Payara) and left to the server's
 * default elsewhere.
 */
@MessageDriven(name = "ForwardingListener") // activation: WEB-INF/ejb-jar.xml
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ForwardingListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(ForwardingListener.class.getName());

    @Inject
    Forwarder forwarder;

    @Override
    public void onMessage(Message message) {
        List<String> requestIds;
        String proxyId;
        try {
            requestIds = message instanceof TextMessage text ? ForwardMessages.ids(text.getText())
                    : ForwardMessages.ids(message.getStringProperty(ForwardQueue.REQUEST_ID));
            proxyId = message.getStringProperty(ForwardQueue.PROXY_ID);
        } catch (JMSException e) {
            throw new IllegalStateException("Unreadable forwarding message", e);
        }
        if (requestIds.isEmpty()) {
            LOG.warning("Forwarding message without a request id dropped: " + message);
            return;
        }
        forwarder.forward(requestIds, proxyId);
    }
}
