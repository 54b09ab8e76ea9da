package ferry.intake.control;

import ferry.platform.problems.Problem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The {@code Idempotency-Key} header (IETF httpapi draft; CONTRACT.md §7): a key may come bare
 * ({@code order-7}) or as a structured-field string ({@code "order-7"}); both are the same key.
 * Keys are scoped to the proxy; a request's payload is told by its fingerprint.
 */
public final class IdempotencyKeys {

    public static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    /**
     * @return the key to compare (unquoted), or empty if none was sent
     * @throws Problem 400 for an empty key, control characters, or more than 255 characters
     */
    public static Optional<String> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = unescape(value.substring(1, value.length() - 1));
        }
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw Problem.badRequest("Idempotency-Key must be 1 to " + MAX_LENGTH + " characters.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw Problem.badRequest("Idempotency-Key must not contain control characters.");
            }
        }
        return Optional.of(value);
    }

    /** The unique scope of a key: the proxy and the key. */
    public static String scope(String proxyId, String key) {
        return proxyId + " " + key;
    }

    /**
     * The scope of a JMS submission without a key: its message id, so that a message delivered
     * again after a crash between its store and its acknowledgement is recognised as stored. A
     * control character separates it from every client key (they may contain none).
     */
    public static String messageScope(String proxyId, String messageId) {
        String id = messageId.length() <= 200 ? messageId : sha256Hex(messageId);
        return proxyId + "\u0001jms " + id;
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of what makes two requests the same one: method, path, query and body. */
    public static String fingerprint(String method, String rawPath, String rawQuery, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {method, rawPath, rawQuery == null ? "" : "?" + rawQuery}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            if (body != null) {
                sha.update(body);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unescape(String quoted) {
        StringBuilder out = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                c = quoted.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
