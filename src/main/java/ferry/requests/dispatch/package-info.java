/**
 * Dispatch: the one owner of the forwarding queue and of "queue this request". Every message on
 * {@code ferry.forward} is sent from here: the first one of a newly stored request
 * ({@link ferry.requests.dispatch.Dispatch#announce}, batched after the commit), a retry or a
 * lost message found by the sweep ({@link ferry.requests.dispatch.Dispatch#enqueue}, in the
 * caller's transaction), and the waiting requests of a resumed proxy. A message is only a hint
 * pointing at its row; the row is the record.
 */
package ferry.requests.dispatch;
