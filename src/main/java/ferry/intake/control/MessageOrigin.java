package ferry.intake.control;

/**
 * Where a JMS submission came from (CONTRACT.md §9). The broker has authenticated its sender, so
 * no client credential is asked for; the sender's broker user is who the rate limit counts.
 *
 * @param brokerUser    the user the broker validated
 * @param messageId     the message's JMSMessageID: a message delivered again is stored once
 * @param replyTo       where the outcome goes ({@code queue:<name>} or {@code topic:<name>}), or null
 * @param correlationId the JMSCorrelationID of that reply
 */
public record MessageOrigin(String brokerUser, String messageId, String replyTo, String correlationId) {
}
