package ferry.intake.jms;

import ferry.platform.control.Destinations;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.Collections;
import java.util.logging.Logger;

/**
 * Moves a message Ferry can never accept to {@code ferry.intake.dlq}: a copy with its body, its
 * own properties, its reply and correlation headers, and {@code ferryError} (a problem code and
 * why). Nothing of it is forwarded, and it does not come back to the intake queue.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());

    /** The reason a message is here: {@code <problem code>: <why>}. */
    public static final String FERRY_ERROR = "ferryError";
    /** The JMSMessageID of the message as it was sent. */
    public static final String ORIGINAL_MESSAGE_ID = "ferryOriginalMessageId";

    @Resource(lookup = "jms/ferry")
    ConnectionFactory connectionFactory;

    public void move(Message message, BadMessage why) {
        try (JMSContext context = connectionFactory.createContext()) {
            Message copy = copy(context, message);
            for (Object name : Collections.list(message.getPropertyNames())) {
                String property = (String) name;
                if (!property.startsWith("JMSX") && !property.startsWith("_AMQ")) {
                    copy.setObjectProperty(property, message.getObjectProperty(property));
                }
            }
            copy.setStringProperty(FERRY_ERROR, why.ferryError());
            copy.setStringProperty(ORIGINAL_MESSAGE_ID, message.getJMSMessageID());
            copy.setJMSCorrelationID(message.getJMSCorrelationID());
            copy.setJMSReplyTo(message.getJMSReplyTo());
            context.createProducer().send(context.createQueue(Destinations.INTAKE_DLQ), copy);
            LOG.info(() -> "JMS message " + id(message) + " moved to " + Destinations.INTAKE_DLQ + ": " + why.code());
        } catch (JMSException e) {
            // Unreadable even here: delivered again, it will be tried again (and again refused).
            throw new IllegalStateException("Cannot move message " + id(message) + " to " + Destinations.INTAKE_DLQ, e);
        }
    }

    private static Message copy(JMSContext context, Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return context.createTextMessage(text.getText());
        }
        if (message instanceof BytesMessage) {
            BytesMessage bytes = context.createBytesMessage();
            byte[] body = message.getBody(byte[].class);
            if (body != null) {
                bytes.writeBytes(body);
            }
            return bytes;
        }
        return context.createMessage();
    }

    private static String id(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException e) {
            return "(no id)";
        }
    }
}
