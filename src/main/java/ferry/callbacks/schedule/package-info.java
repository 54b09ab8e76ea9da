/**
 * What follows a delivery attempt: delivered, retried on the schedule (with jitter, at least the
 * receiver's {@code Retry-After}), or ended (the schedule ran out, or the receiver answered
 * {@code 410 Gone}).
 */
package ferry.callbacks.schedule;
