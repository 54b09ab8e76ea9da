package ferry.platform.security;

import java.util.Arrays;
import java.util.Base64;

/**
 * A callback's signing secret in the Standard Webhooks form, {@code whsec_} followed by the
 * base64 of the key. The key must be 24 to 64 bytes: shorter is too weak for HMAC-SHA256, and
 * receivers' libraries expect that range. Never printed: {@link #toString()} hides the key.
 */
public final class WebhookSecret {

    public static final String PREFIX = "whsec_";
    public static final int MIN_KEY_BYTES = 24;
    public static final int MAX_KEY_BYTES = 64;

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    /** @throws IllegalArgumentException with a message fit for a {@code 400} that never repeats the secret */
    public static WebhookSecret parse(String text) {
        String problem = problem(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new WebhookSecret(Base64.getDecoder().decode(text.substring(PREFIX.length())));
    }

    /** @return why {@code text} is not a usable secret, or null if it is one */
    public static String problem(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return "a callback secret must start with " + PREFIX;
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return "a callback secret must be " + PREFIX + " followed by standard base64";
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            return "a callback secret's key must be " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES
                    + " bytes (base64 of " + key.length + " given)";
        }
        return null;
    }

    /** @return a copy of the key (the HMAC key of Standard Webhooks signatures) */
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret s && Arrays.equals(key, s.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return PREFIX + "…";
    }
}
