package ferry.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Accept, forward, track: what a client and the target see of one request (CONTRACT.md §3–§5). */
class ForwardingIT extends AgainstGateway {

    private static final Duration DONE = Duration.ofSeconds(30);

    @BeforeAll
    static void start() {
        api.createProxy("""
                {"id":"fwd","targetUrl":"%s/base/","clientAuth":{"type":"bearer","tokens":["fwd-client-token"]},
                 "targetAuth":{"type":"header","name":"X-Target-Key","value":"target-secret-value"}}
                """.formatted(origin.url()));
    }

    private static HttpResponse<String> submit(HttpRequest.Builder request) {
        return api.send(request.header("Authorization", "Bearer fwd-client-token"));
    }

    @Test
    void acceptsThenForwardsByteExactWithFilteredHeaders() {
        byte[] body = new byte[4096];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31 + 7); // every byte value, not valid UTF-8
        }
        HttpResponse<String> accepted = submit(api.request("async/fwd/orders/42/items?sort=desc&x=%20y")
                .header("Content-Type", "application/octet-stream")
                .header("X-Custom", "kept")
                .header("Ferry-Delay", "0")
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonObject doc = Api.object(accepted.body());
        String id = doc.getString("requestId");
        assertEquals(4, UUID.fromString(id).version());
        assertEquals("queued", doc.getString("status"));
        assertEquals("Your request has been queued for processing.", doc.getString("message"));
        assertEquals(id, accepted.headers().firstValue("Ferry-Request-Id").orElseThrow());
        assertEquals(api.request("requests/" + id).build().uri().toString(),
                accepted.headers().firstValue("Location").orElseThrow());
        assertEquals("OK", accepted.headers().firstValue("Ferry-Proxy-Code").orElseThrow());
        assertTrue(accepted.headers().firstValue("Ferry-Proxy-Message").isPresent());
        assertTrue(accepted.headers().firstValue("Retry-After").isPresent());

        JsonObject done = api.awaitStatus(id, Api.hasStatus("completed"), DONE);
        assertEquals(1, done.getInt("attempts"));
        assertEquals(200, done.getJsonObject("response").getInt("status"));
        assertEquals("POST", done.getString("method"));
        assertNotNull(done.getString("completedAt"));
        assertNotNull(done.getString("expiresAt"));

        StubOrigin.Received got = origin.receivedAt("/base/orders/42/items").get(0);
        assertEquals("POST", got.method());
        assertEquals("/base/orders/42/items?sort=desc&x=%20y", got.pathAndQuery());
        assertArrayEquals(body, got.body());
        assertEquals("application/octet-stream", got.header("content-type"));
        assertEquals("kept", got.header("x-custom"));
        assertEquals("target-secret-value", got.header("x-target-key"), "target credential injected");
        assertNull(got.header("authorization"), "the client's credential is never forwarded");
        assertNull(got.header("ferry-delay"), "control headers are consumed");
        assertEquals(id, got.header("ferry-request-id"));
        assertEquals(id, got.header("idempotency-key"), "no client key: the request id");
        assertEquals("1", got.header("ferry-attempt"));
        String traceparent = got.header("traceparent");
        assertTrue(traceparent.startsWith("00-0af7651916cd43dd8448eb211c80319c-"), traceparent);
        assertNotEquals("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", traceparent);
    }

    @Test
    void aTrailingSlashIsForwardedAndNothingBelowTheProxyIsTheTargetUrl() {
        for (String[] sent : new String[][] {{"async/fwd/users/", "/base/users/"}, {"async/fwd/", "/base"},
                {"async/fwd", "/base"}}) {
            HttpResponse<String> accepted = submit(api.request(sent[0]).POST(HttpRequest.BodyPublishers.ofString(sent[0])));
            assertEquals(202, accepted.statusCode(), sent[0] + ": " + accepted.body());
            api.awaitStatus(Api.object(accepted.body()).getString("requestId"), Api.hasStatus("completed"), DONE);
            assertTrue(origin.receivedAt(sent[1]).stream().anyMatch(got -> new String(got.body(), StandardCharsets.UTF_8).equals(sent[0])),
                    sent[0] + " reached " + sent[1]);
        }
    }

    @Test
    void clientIdempotencyKeyAndMethodsArePassedOn() {
        HttpResponse<String> accepted = submit(api.request("async/fwd/things/7")
                .header("Idempotency-Key", "client-key-7")
                .header("Connection", "X-Hop")
                .header("X-Hop", "dropped")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"a\":1}")));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = Api.object(accepted.body()).getString("requestId");
        api.awaitStatus(id, Api.hasStatus("completed"), DONE);

        StubOrigin.Received got = origin.receivedAt("/base/things/7").get(0);
        assertEquals("PATCH", got.method());
        assertEquals("client-key-7", got.header("idempotency-key"));
        assertNull(got.header("x-hop"), "headers named in Connection are hop-by-hop");
    }

    @Test
    void getIsAcceptedWithAWarning() {
        HttpResponse<String> accepted = submit(api.request("async/fwd/report").GET());
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertTrue(accepted.headers().firstValue("Ferry-Proxy-Warning").isPresent());
        api.awaitStatus(Api.object(accepted.body()).getString("requestId"), Api.hasStatus("completed"), DONE);
        assertEquals("GET", origin.receivedAt("/base/report").get(0).method());
    }

    @Test
    void nonRetryableAnswerFailsAfterOneAttemptAndKeepsTheTargetAnswer() {
        origin.script("/base/reject", StubOrigin.Answer.of(400, "{\"error\":\"bad\"}"));
        HttpResponse<String> accepted = submit(api.request("async/fwd/reject").POST(HttpRequest.BodyPublishers.ofString("{}")));
        String id = Api.object(accepted.body()).getString("requestId");

        JsonObject failed = api.awaitStatus(id, Api.hasStatus("failed"), DONE);
        assertEquals(1, failed.getInt("attempts"));
        assertEquals("non-retryable-status", failed.getJsonObject("lastError").getString("type"));
        assertTrue(failed.getJsonObject("lastError").getString("message").contains("400"));
        assertEquals(400, failed.getJsonObject("response").getInt("status"));
        assertEquals(1, origin.receivedAt("/base/reject").size());
    }

    @Test
    void pausedProxyStoresButForwardsNothingUntilResumed() {
        api.createProxy("""
                {"id":"held","targetUrl":"%s/held","clientAuth":{"type":"api-key","header":"X-Key","keys":["held-key-123"]}}
                """.formatted(origin.url()));
        assertEquals(200, api.admin("POST", "admin/proxies/held/pause", null).statusCode());

        HttpResponse<String> accepted = api.send(api.request("async/held/job").header("X-Key", "held-key-123")
                .POST(HttpRequest.BodyPublishers.ofString("{\"job\":1}")));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = Api.object(accepted.body()).getString("requestId");
        // The queue message has been consumed and ignored: the row stays queued, nothing sent.
        JsonObject held = api.awaitStatus(id, Api.hasStatus("queued"), DONE);
        assertEquals(0, held.getInt("attempts"));

        HttpResponse<String> busy = api.admin("DELETE", "admin/proxies/held", null);
        assertEquals(409, busy.statusCode(), "unfinished requests block a plain delete");

        assertEquals(200, api.admin("POST", "admin/proxies/held/resume", null).statusCode());
        api.awaitStatus(id, Api.hasStatus("completed"), DONE);
        assertEquals(1, origin.receivedAt("/held/job").size());
        StubOrigin.Received got = origin.receivedAt("/held/job").get(0);
        assertNull(got.header("x-key"), "the client's API key is never forwarded");
        assertFalse(got.headers().containsKey("authorization"));
    }

    @Test
    void forceDeleteCancelsUnfinishedRequests() {
        api.createProxy("""
                {"id":"doomed","targetUrl":"%s/doomed","clientAuth":{"type":"bearer","tokens":["doomed-token"]}}
                """.formatted(origin.url()));
        api.admin("POST", "admin/proxies/doomed/pause", null);
        HttpResponse<String> accepted = api.send(api.request("async/doomed/x").header("Authorization", "Bearer doomed-token")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        String id = Api.object(accepted.body()).getString("requestId");

        assertEquals(204, api.admin("DELETE", "admin/proxies/doomed?force=true", null).statusCode());
        JsonObject canceled = api.awaitStatus(id, Api.hasStatus("canceled"), DONE);
        assertEquals("canceled", canceled.getJsonObject("lastError").getString("type"));
        assertEquals(404, api.admin("GET", "admin/proxies/doomed", null).statusCode());
        assertTrue(origin.receivedAt("/doomed/x").isEmpty());
    }

    /** RFC 9110 allows content on a DELETE; some APIs take one. It is forwarded like any other body. */
    @Test
    void aDeleteWithABodyIsForwardedByteForByte() {
        String json = "{\"reason\":\"duplicate\",\"ids\":[7,8]}";
        HttpResponse<String> accepted = submit(api.request("async/fwd/items/7")
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(json)));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = Api.object(accepted.body()).getString("requestId");
        api.awaitStatus(id, Api.hasStatus("completed"), DONE);

        StubOrigin.Received got = origin.receivedAt("/base/items/7").get(0);
        assertEquals("DELETE", got.method());
        assertArrayEquals(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), got.body());
        assertEquals("application/json", got.header("content-type"));
    }

    /** ferry.http.trust-forwarded is off by default: anyone could send these headers. */
    @Test
    void forwardedHeadersAreIgnoredUnlessTrusted() {
        HttpResponse<String> accepted = submit(api.request("async/fwd/untrusted")
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https")
                .header("Forwarded", "proto=https;host=evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(Gateway.shared().base().toString()), location);
    }
}
