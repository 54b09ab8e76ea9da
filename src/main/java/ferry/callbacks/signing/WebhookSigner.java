package ferry.callbacks.signing;

import java.nio.charset.StandardCharsets;
import ferry.platform.security.WebhookSecret;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code webhook-signature} header of one delivery attempt: {@code v1,<base64 HMAC-SHA256 of
 * "{id}.{timestamp}.{body}">} for each secret, space-separated. A proxy rotating its secret
 * passes both, so a receiver verifies with either while it switches.
 */
public final class WebhookSigner {

    private WebhookSigner() {
    }

    /**
     * @param timestamp seconds since the epoch, as sent in {@code webhook-timestamp}
     * @param body      the exact bytes sent (the signature covers bytes, not a re-encoding)
     */
    public static String signature(String id, long timestamp, byte[] body, List<WebhookSecret> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a delivery is signed with at least one secret");
        }
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        StringJoiner header = new StringJoiner(" ");
        for (WebhookSecret secret : secrets) {
            header.add("v1," + Base64.getEncoder().encodeToString(hmac(secret.key(), prefix, body)));
        }
        return header.toString();
    }

    private static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
