/**
 * Requests: the lifecycle of an accepted request (states, attempts), who may see it, and how its status and result are answered, now or when it completes.
 */
package ferry.requests;
