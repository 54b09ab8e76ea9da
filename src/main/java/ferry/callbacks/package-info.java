/**
 * Completion webhooks (CONTRACT.md §8): a request's ending told to a receiver, signed per
 * Standard Webhooks, durably and at least once. Read it in this order: {@code entity} (the
 * delivery row, written in the ending's transaction, and its attempts), {@code control}
 * ({@code DeliveryOpener} writes a delivery when a request ends; {@code DeliveryAttempts} takes
 * due ones and records how they went; {@code DeliveryHistory} lists and redelivers),
 * {@code sending} (the sender's own threads and HTTP client), and the plain-Java rules:
 * {@code signing} (signature and ids; the {@code whsec_} secret itself is
 * {@code platform.security.WebhookSecret}), {@code payload} (the JSON) and {@code schedule}
 * (what follows an attempt). {@code boundary}: {@code /requests/{id}/deliveries} and the timer
 * that looks for due retries.
 */
package ferry.callbacks;
