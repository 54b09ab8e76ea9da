/**
 * One HTTP exchange with a proxy's target: the URL that cannot leave the target's base
 * ({@code TargetUrl}), the target credential ({@code TargetCredentials}), the W3C trace context
 * ({@code TraceParent}), the client that sends and times out ({@code TargetClient}) and how the
 * exchange ended ({@code AttemptResult}).
 */
package ferry.forwarding.target;
