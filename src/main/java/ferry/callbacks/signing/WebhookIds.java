package ferry.callbacks.signing;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * {@code webhook-id}s: one per delivery, kept across that delivery's retries so receivers can
 * dedupe. Base64url without padding never contains {@code .}, which the specification forbids
 * (the id is the first part of the signed {@code "{id}.{timestamp}.{body}"}).
 */
public final class WebhookIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookIds() {
    }

    /** @return {@code msg_} and 128 random bits */
    public static String next() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }
}
