/**
 * Forwarding: from a request id on the queue to a recorded attempt. Read it as a table of
 * contents: {@code boundary} (the queue listener and the recovery timer), {@code pipeline} (how
 * many requests are in flight, on which threads, and which transactions they share),
 * {@code attempts} (claiming a row, recording how its attempt ended, recovering attempts a crash
 * cut off), {@code retry} (what follows an attempt: complete, fail or retry after a delay),
 * {@code limits} (how much may go to a target: rate, adaptive concurrency, circuit breaker,
 * back-pressure; not wired in yet) and {@code target} (one HTTP exchange with the target: URL,
 * credentials, trace context, result).
 */
package ferry.forwarding;
