/**
 * JMS intake (CONTRACT.md §9, issue 13), being built: how a message on {@code ferry.intake}
 * becomes the same {@link ferry.intake.control.Submission} an HTTP client makes, in plain Java.
 * The consuming MDB, broker security, the dead-letter queue and replies are not written yet.
 */
package ferry.intake.jms;
