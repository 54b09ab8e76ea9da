/**
 * What follows an attempt (CONTRACT.md §4): the proxy's retry policy and the planner that
 * completes, fails or schedules the next attempt with full-jitter backoff, in plain Java.
 */
package ferry.forwarding.retry;
