/**
 * Intake: the entry points /async and /proxy, the checks a request passes before it is admitted,
 * and the group commit that makes it durable before anyone is answered. What happens to a stored
 * request next belongs to {@code ferry.requests} (dispatch, waiting for results).
 */
package ferry.intake;
