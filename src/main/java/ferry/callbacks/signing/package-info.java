/**
 * Signing as the Standard Webhooks specification has it: a secret is {@code whsec_} + base64 of
 * 24 to 64 random bytes, a message is signed as {@code "{id}.{timestamp}.{body}"} with
 * HMAC-SHA256, and while a proxy rotates its secret both signatures are sent.
 */
package ferry.callbacks.signing;
