package ferry.callbacks.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {

    private static final Instant ENDED = Instant.parse("2026-12-01T12:00:00.123Z");

    @Test
    void aCompletedRequestCarriesItsAnswer() {
        byte[] body = "{\"ok\":true,\"note\":\"é\"}".getBytes(StandardCharsets.UTF_8);
        JsonObject p = read(new WebhookPayload.Outcome("r-1", "orders", true, 2, ENDED, 201,
                Map.of("content-type", List.of("application/json"), "set-cookie", List.of("a=1", "b=2")), body, null, null));

        assertEquals("request.completed", p.getString("type"));
        assertEquals("2026-12-01T12:00:00.123Z", p.getString("timestamp"));
        JsonObject data = p.getJsonObject("data");
        assertEquals("r-1", data.getString("requestId"));
        assertEquals("orders", data.getString("proxyId"));
        assertEquals("completed", data.getString("status"));
        assertEquals(2, data.getInt("attempts"));
        JsonObject response = data.getJsonObject("response");
        assertEquals(201, response.getInt("status"));
        assertEquals(List.of("a=1", "b=2"), response.getJsonObject("headers").getJsonArray("set-cookie")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        assertArrayEquals(body, Base64.getDecoder().decode(response.getString("bodyBase64")));
        assertFalse(response.containsKey("bodyTruncated"));
        assertFalse(data.containsKey("error"));
    }

    @Test
    void aBodyOverTheInlineSizeIsCutAndSaysSo() {
        byte[] body = new byte[WebhookPayload.INLINE_BODY_BYTES + 1];
        body[WebhookPayload.INLINE_BODY_BYTES - 1] = 7;
        JsonObject response = read(new WebhookPayload.Outcome("r-2", "orders", true, 1, ENDED, 200, Map.of(), body, null, null))
                .getJsonObject("data").getJsonObject("response");
        byte[] inline = Base64.getDecoder().decode(response.getString("bodyBase64"));
        assertEquals(WebhookPayload.INLINE_BODY_BYTES, inline.length);
        assertEquals(7, inline[inline.length - 1]);
        assertTrue(response.getBoolean("bodyTruncated"));

        JsonObject exact = read(new WebhookPayload.Outcome("r-3", "orders", true, 1, ENDED, 200, Map.of(),
                new byte[WebhookPayload.INLINE_BODY_BYTES], null, null)).getJsonObject("data").getJsonObject("response");
        assertFalse(exact.containsKey("bodyTruncated"), "exactly the inline size fits");
    }

    @Test
    void aFailedRequestCarriesItsErrorAndAnAnswerOnlyIfThereWasOne() {
        JsonObject noAnswer = read(new WebhookPayload.Outcome("r-4", "orders", false, 11, ENDED, null, null, null,
                "retries-exhausted", "retries exhausted after 11 attempts (last: timeout)"));
        assertEquals("request.failed", noAnswer.getString("type"));
        assertEquals("failed", noAnswer.getJsonObject("data").getString("status"));
        assertFalse(noAnswer.getJsonObject("data").containsKey("response"));
        assertEquals("retries-exhausted", noAnswer.getJsonObject("data").getJsonObject("error").getString("type"));

        JsonObject answered = read(new WebhookPayload.Outcome("r-5", "orders", false, 1, ENDED, 400, Map.of(), null,
                "non-retryable-status", "non-retryable status 400"));
        assertEquals(400, answered.getJsonObject("data").getJsonObject("response").getInt("status"));
        assertEquals("", answered.getJsonObject("data").getJsonObject("response").getString("bodyBase64"));
    }

    private static JsonObject read(WebhookPayload.Outcome outcome) {
        return Json.createReader(new StringReader(new String(WebhookPayload.json(outcome), StandardCharsets.UTF_8))).readObject();
    }
}
