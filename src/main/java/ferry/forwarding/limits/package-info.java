/**
 * How much a proxy may send its target (issue 14), in plain Java on a clock the caller passes
 * in, so every rule is tested on a simulated one. Read it as a table of contents:
 * {@link ferry.forwarding.limits.TokenBucket} (the {@code forwardPerSecond} rate),
 * {@link ferry.forwarding.limits.AdaptiveLimit} (attempts in flight, following the target's
 * latency and overload signals; {@code LatencyRound} and {@code WindowedMinimum} are its parts),
 * {@link ferry.forwarding.limits.CircuitBreaker} (holding work while the target fails),
 * {@link ferry.forwarding.limits.BackPressure} (the target's {@code Retry-After}) and
 * {@link ferry.forwarding.limits.Outcome} (what an attempt's end says about the target).
 */
package ferry.forwarding.limits;
