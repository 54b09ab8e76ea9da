/**
 * JMS intake (CONTRACT.md §9): a message on {@code ferry.intake} accepted as the same
 * {@link ferry.intake.control.Submission} an HTTP client makes. {@code MessageIntake} accepts one
 * ({@code MessageSubmissions} reads it, {@code DeadLetters} moves what can never be accepted);
 * {@code ReplyOutbox}, {@code ReplySender} and {@code ReplyAttempts} send each outcome to the
 * message's {@code JMSReplyTo}, from a {@code JmsReply} row written when the request ends.
 */
package ferry.intake.jms;
