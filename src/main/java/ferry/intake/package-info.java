/**
 * Intake: the entry points /async and /proxy, the checks a request passes before it is accepted, and the transaction that makes it durable (row and queue message together).
 */
package ferry.intake;
