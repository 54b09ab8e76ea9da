package ferry.intake.boundary;

import ferry.intake.jms.MessageIntake;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Consumes {@code ferry.intake}: each message is a request to a proxy (CONTRACT.md §9), accepted
 * by {@link MessageIntake}. No container transaction: the request is stored by intake's group
 * commit, and the message is acknowledged once that has committed (when this returns). A crash in
 * between delivers the message again, and its message id finds the stored request: it is not
 * stored twice. A refusal that passes is thrown, so the broker delivers the message again later.
 * Destination and sessions: {@code WEB-INF/ejb-jar.xml}.
 */
@MessageDriven(name = "IntakeListener") // activation: WEB-INF/ejb-jar.xml
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IntakeListener implements MessageListener {

    @Inject
    MessageIntake intake;

    @Override
    public void onMessage(Message message) {
        intake.accept(message);
    }
}
