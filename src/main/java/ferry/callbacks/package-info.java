/**
 * Completion webhooks (CONTRACT.md §8, issue 13), being built. So far the rules a delivery
 * follows, in plain Java: {@code signing} (the Standard Webhooks signature and message ids; the
 * {@code whsec_} secret itself is {@code platform.security.WebhookSecret}, checked when a proxy
 * is defined), {@code payload} (the JSON a delivery carries) and {@code schedule} (what follows
 * a delivery attempt). The durable delivery rows,
 * the sender and the endpoints are not written yet.
 */
package ferry.callbacks;
