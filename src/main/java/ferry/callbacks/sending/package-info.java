/**
 * Sending webhooks on threads and connections of their own, bounded per receiver, so that a
 * slow or dead receiver delays neither forwarding nor other receivers.
 */
package ferry.callbacks.sending;
