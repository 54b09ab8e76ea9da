package ferry.callbacks.signing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import ferry.platform.security.WebhookSecret;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ferry's signatures, checked by the Standard Webhooks reference library as a receiver checks them. */
class WebhookSignerTest {

    private static final byte[] BODY = "{\"type\":\"request.completed\",\"data\":{\"requestId\":\"r-1\",\"note\":\"é\"}}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void aReceiverVerifiesTheSignatureWithTheReferenceLibrary() {
        String secret = secret(32);
        String id = WebhookIds.next();
        long now = Instant.now().getEpochSecond();

        String signature = WebhookSigner.signature(id, now, BODY, List.of(WebhookSecret.parse(secret)));

        assertDoesNotThrow(() -> new Webhook(secret).verify(text(BODY), headers(id, now, signature)));
    }

    @Test
    void whileRotatingBothSignaturesAreSentAndEitherSecretVerifies() {
        String current = secret(32);
        String next = secret(48);
        String id = WebhookIds.next();
        long now = Instant.now().getEpochSecond();

        String signature = WebhookSigner.signature(id, now, BODY,
                List.of(WebhookSecret.parse(current), WebhookSecret.parse(next)));

        assertEquals(2, signature.split(" ").length, signature);
        assertDoesNotThrow(() -> new Webhook(current).verify(text(BODY), headers(id, now, signature)));
        assertDoesNotThrow(() -> new Webhook(next).verify(text(BODY), headers(id, now, signature)));
    }

    @Test
    void aSignatureDoesNotVerifyForAnotherBodyIdOrSecret() {
        String secret = secret(32);
        String id = WebhookIds.next();
        long now = Instant.now().getEpochSecond();
        String signature = WebhookSigner.signature(id, now, BODY, List.of(WebhookSecret.parse(secret)));

        assertThrows(WebhookVerificationException.class,
                () -> new Webhook(secret).verify(text(BODY) + " ", headers(id, now, signature)));
        assertThrows(WebhookVerificationException.class,
                () -> new Webhook(secret).verify(text(BODY), headers(WebhookIds.next(), now, signature)));
        assertThrows(WebhookVerificationException.class,
                () -> new Webhook(secret(32)).verify(text(BODY), headers(id, now, signature)));
    }

    @Test
    void theSameInputsSignAsTheReferenceLibrarySigns() throws Exception {
        String secret = secret(24);
        String id = "msg_fixed";
        long timestamp = 1_700_000_000L;
        assertEquals(new Webhook(secret).sign(id, timestamp, text(BODY)),
                WebhookSigner.signature(id, timestamp, BODY, List.of(WebhookSecret.parse(secret))));
    }

    @Test
    void aDeliveryIsSignedWithAtLeastOneSecret() {
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.signature("msg_x", 1, BODY, List.of()));
    }

    @Test
    void secretsMustBeWhsecAndBase64Of24To64Bytes() {
        assertNull(WebhookSecret.problem(secret(24)));
        assertNull(WebhookSecret.problem(secret(64)));
        assertTrue(WebhookSecret.problem(secret(23)).contains("24 to 64"));
        assertTrue(WebhookSecret.problem(secret(65)).contains("24 to 64"));
        assertTrue(WebhookSecret.problem(secret(32).substring("whsec_".length())).contains("whsec_"));
        assertTrue(WebhookSecret.problem("whsec_not base64!").contains("base64"));
        assertTrue(WebhookSecret.problem(null).contains("whsec_"));
        assertThrows(IllegalArgumentException.class, () -> WebhookSecret.parse(secret(16)));
    }

    @Test
    void aSecretIsNeverPrintedNorRepeatedInItsProblem() {
        String secret = secret(32);
        assertFalse(WebhookSecret.parse(secret).toString().contains(secret.substring(6, 12)));
        String tooShort = secret(10);
        assertFalse(WebhookSecret.problem(tooShort).contains(tooShort.substring(6)));
    }

    @Test
    void idsAreUniqueAndHoldNoDot() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = WebhookIds.next();
            assertFalse(id.contains("."), id);
            assertTrue(id.startsWith("msg_"), id);
            ids.add(id);
        }
        assertEquals(10_000, ids.size());
        assertNotEquals(WebhookIds.next(), WebhookIds.next());
    }

    private static String secret(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> headers(String id, long timestamp, String signature) {
        return Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signature));
    }
}
