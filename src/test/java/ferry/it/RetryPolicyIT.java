package ferry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The retry policy as a target sees it (CONTRACT.md §4), with short delays. The shared gateway
 * runs with jitter off, so the delay before retry n is exactly initialDelayMs × 2^(n-1).
 */
class RetryPolicyIT extends AgainstGateway {

    private static final Duration DONE = Duration.ofSeconds(40);
    /** Scheduling slack: broker delivery, MDB pick-up, HTTP round trip on a loaded 2-core box. */
    private static final long SLACK_MS = 1500;

    @BeforeAll
    static void start() {
        api.createProxy("""
                {"id":"retry","targetUrl":"%s/r","clientAuth":{"type":"bearer","tokens":["retry-token-1"]},
                 "retry":{"maxRetries":3,"initialDelayMs":200,"maxDelayMs":10000,"attemptTimeoutMs":800,"windowSeconds":60}}
                """.formatted(origin.url()));
    }

    private static String submit(String path, Map<String, String> headers) {
        HttpRequest.Builder request = api.request("async/retry/" + path).header("Authorization", "Bearer retry-token-1");
        headers.forEach(request::header);
        HttpResponse<String> accepted = api.send(request.POST(HttpRequest.BodyPublishers.ofString("{\"p\":\"" + path + "\"}")));
        assertEquals(202, accepted.statusCode(), accepted.body());
        return Api.object(accepted.body()).getString("requestId");
    }

    private static JsonArray attempts(String id) {
        HttpResponse<String> response = api.send(api.request("requests/" + id + "/attempts")
                .header("Authorization", "Bearer retry-token-1").GET());
        assertEquals(200, response.statusCode(), response.body());
        return jakarta.json.Json.createReader(new java.io.StringReader(response.body())).readArray();
    }

    private static long gapMs(JsonArray attempts, int i) {
        Instant previous = Instant.parse(attempts.getJsonObject(i - 1).getString("startedAt"));
        Instant next = Instant.parse(attempts.getJsonObject(i).getString("startedAt"));
        return Duration.between(previous, next).toMillis() - attempts.getJsonObject(i - 1).getJsonNumber("durationMs").longValue();
    }

    @Test
    void transientFailuresAreRetriedWithDoublingDelaysThenComplete() {
        origin.script("/r/flaky", StubOrigin.Answer.of(503, "{}"), StubOrigin.Answer.of(503, "{}"), StubOrigin.Answer.of(503, "{}"));
        String id = submit("flaky", Map.of());

        JsonObject done = api.awaitStatus(id, Api.hasStatus("completed"), DONE);
        assertEquals(4, done.getInt("attempts"));
        assertEquals(200, done.getJsonObject("response").getInt("status"));
        List<StubOrigin.Received> got = origin.receivedAt("/r/flaky");
        assertEquals(4, got.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(id, got.get(i).header("idempotency-key"), "the same key on every attempt");
            assertEquals(Integer.toString(i + 1), got.get(i).header("ferry-attempt"));
        }
        JsonArray attempts = attempts(id);
        assertEquals(4, attempts.size());
        long[] planned = {200, 400, 800};
        for (int i = 1; i < 4; i++) {
            JsonObject before = attempts.getJsonObject(i - 1);
            assertEquals("response", before.getString("outcome"));
            assertEquals(503, before.getInt("status"));
            assertTrue(before.getBoolean("retryable"));
            assertEquals(planned[i - 1], before.getJsonNumber("nextDelayMs").longValue(), "delay before retry " + i);
            long gap = gapMs(attempts, i);
            assertTrue(gap >= planned[i - 1] - 20 && gap <= planned[i - 1] + SLACK_MS, "gap " + i + " was " + gap + " ms");
        }
        assertTrue(!attempts.getJsonObject(3).getBoolean("retryable"));
    }

    @Test
    void retryAfterIsHonouredBeyondTheBackoff() {
        origin.script("/r/limited", new StubOrigin.Answer(429, Map.of("Retry-After", "2"), "{}".getBytes(), Duration.ZERO));
        String id = submit("limited", Map.of());
        api.awaitStatus(id, Api.hasStatus("completed"), DONE);
        JsonArray attempts = attempts(id);
        assertEquals(2, attempts.size());
        assertEquals(2000, attempts.getJsonObject(0).getJsonNumber("nextDelayMs").longValue());
        assertTrue(gapMs(attempts, 1) >= 1980, "next attempt came " + gapMs(attempts, 1) + " ms later");
    }

    @Test
    void anAttemptThatHangsTimesOutAndIsRetried() {
        origin.script("/r/slow", new StubOrigin.Answer(200, Map.of(), "{}".getBytes(), Duration.ofSeconds(3)));
        String id = submit("slow", Map.of());
        api.awaitStatus(id, Api.hasStatus("completed"), DONE);
        JsonArray attempts = attempts(id);
        assertEquals(2, attempts.size());
        JsonObject first = attempts.getJsonObject(0);
        assertEquals("timeout", first.getString("outcome"));
        assertTrue(first.getJsonNumber("durationMs").longValue() < 2500, "bounded by attemptTimeoutMs: " + first);
        assertTrue(first.getBoolean("retryable"));
    }

    @Test
    void retriesAreBoundedThenTheRequestFailsWithTheReason() {
        StubOrigin.Answer unavailable = StubOrigin.Answer.of(503, "{\"down\":true}");
        origin.script("/r/down", unavailable, unavailable, unavailable, unavailable, unavailable);
        String id = submit("down", Map.of());
        JsonObject failed = api.awaitStatus(id, Api.hasStatus("failed"), DONE);
        assertEquals(4, failed.getInt("attempts"), "1 attempt + maxRetries 3");
        assertEquals("retries-exhausted", failed.getJsonObject("lastError").getString("type"));
        assertEquals(503, failed.getJsonObject("response").getInt("status"), "the last answer is kept");
        assertEquals(4, origin.receivedAt("/r/down").size());
    }

    @Test
    void ferryRetriesLowersTheLimit() {
        origin.script("/r/once", StubOrigin.Answer.of(503, "{}"), StubOrigin.Answer.of(503, "{}"));
        String id = submit("once", Map.of("Ferry-Retries", "1"));
        JsonObject failed = api.awaitStatus(id, Api.hasStatus("failed"), DONE);
        assertEquals(2, failed.getInt("attempts"));
        assertEquals("retries-exhausted", failed.getJsonObject("lastError").getString("type"));
    }

    @Test
    void aRetryThatCannotFitTheWindowFailsAtOnce() {
        origin.script("/r/later", new StubOrigin.Answer(503, Map.of("Retry-After", "120"), "{}".getBytes(), Duration.ZERO));
        String id = submit("later", Map.of());
        JsonObject failed = api.awaitStatus(id, Api.hasStatus("failed"), DONE);
        assertEquals(1, failed.getInt("attempts"));
        assertEquals("retry-window-exhausted", failed.getJsonObject("lastError").getString("type"));
        assertNull(failed.get("nextAttemptAt"));
    }

    @Test
    void anUnreachableTargetIsAConnectErrorAndRetried() {
        api.createProxy("""
                {"id":"nowhere","targetUrl":"http://127.0.0.1:%d","clientAuth":{"type":"bearer","tokens":["nowhere-token"]},
                 "retry":{"maxRetries":1,"initialDelayMs":100}}""".formatted(Gateway.originPort()));
        HttpResponse<String> accepted = api.send(api.request("async/nowhere/x").header("Authorization", "Bearer nowhere-token")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        String id = Api.object(accepted.body()).getString("requestId");
        JsonObject failed = api.awaitStatus(id, Api.hasStatus("failed"), DONE);
        assertEquals(2, failed.getInt("attempts"));
        assertEquals("retries-exhausted", failed.getJsonObject("lastError").getString("type"));
        assertNull(failed.get("response"), "no target answer");
        HttpResponse<String> list = api.send(api.request("requests/" + id + "/attempts")
                .header("Authorization", "Bearer nowhere-token").GET());
        assertTrue(list.body().contains("\"connect-error\""), list.body());
    }
}
