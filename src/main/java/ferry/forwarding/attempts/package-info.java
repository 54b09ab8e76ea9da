/**
 * The transactions around one attempt: the claim that makes this node its owner
 * ({@code AttemptClaims}, {@code ClaimRule}, {@code AttemptStart}), the record of how it ended
 * ({@code AttemptRecorder}, {@code AttemptOutcome}), and the sweep that takes over attempts a
 * crash cut off and requeues requests whose message was lost ({@code Recovery}).
 */
package ferry.forwarding.attempts;
