package ferry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * What intake refuses (CONTRACT.md §3): each answer is the documented status, an RFC 9457
 * problem, the Ferry-Proxy-Code, and nothing reaches the origin.
 */
class IntakeRefusalsIT extends AgainstGateway {

    /** Every refused request carries this in its body: it must never reach the database. */
    static final String REFUSED = "refused-" + java.util.UUID.randomUUID();

    @BeforeAll
    static void start() {
        api.createProxy("""
                {"id":"strict","targetUrl":"%s/api","mode":"async","clientAuth":{"type":"bearer","tokens":["strict-token-1","strict-token-2"]},
                 "limits":{"maxBodyBytes":1024}}
                """.formatted(origin.url()));
        api.createProxy("""
                {"id":"synconly","targetUrl":"%s/api","mode":"sync","clientAuth":{"type":"bearer","tokens":["sync-token-1"]}}
                """.formatted(origin.url()));
    }

    @AfterAll
    static void stop() {
        // A valid request sent last must be the only one the origin ever saw.
        HttpResponse<String> marker = api.send(api.request("async/strict/marker").header("Authorization", "Bearer strict-token-2")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(202, marker.statusCode(), marker.body());
        api.awaitStatus(Api.object(marker.body()).getString("requestId"), Api.hasStatus("completed"), Duration.ofSeconds(30));
        assertEquals(1, origin.received().size(), "refused requests were forwarded: " + origin.received());
        assertTrue(!StoredBytes.databaseContains(REFUSED), "a refused request was stored");
        assertEquals(200, api.send(api.request("health/ready").GET()).statusCode(), "still healthy");
    }

    static void assertProblem(HttpResponse<String> response, int status, String code, String proxyCode) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonObject problem = Api.object(response.body());
        assertEquals("urn:ferry:problem:" + code, problem.getString("type"));
        assertEquals(status, problem.getInt("status"));
        assertTrue(problem.containsKey("title"));
        if (proxyCode != null) {
            assertEquals(proxyCode, response.headers().firstValue("Ferry-Proxy-Code").orElseThrow());
            assertTrue(response.headers().firstValue("Ferry-Proxy-Message").isPresent());
        }
    }

    private static HttpResponse<String> post(String path, String authorization) {
        HttpRequest.Builder request = api.request(path);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return api.send(request.POST(HttpRequest.BodyPublishers.ofString("{\"n\":\"" + REFUSED + "\"}")));
    }

    @Test
    void unknownProxy() {
        assertProblem(post("async/no-such-proxy/x", "Bearer strict-token-1"), 404, "proxy-not-found", "PROXY_NOT_FOUND");
    }

    @Test
    void proxyIdIsNeverEchoedUnchecked() {
        HttpResponse<String> response = post("async/evil%0D%0AX-Injected:%20yes/x", "Bearer strict-token-1");
        assertProblem(response, 404, "proxy-not-found", "PROXY_NOT_FOUND");
        assertTrue(response.headers().firstValue("X-Injected").isEmpty());
    }

    @Test
    void modeNotEnabled() {
        assertProblem(post("async/synconly/x", "Bearer sync-token-1"), 404, "mode-not-enabled", "MODE_NOT_ENABLED");
    }

    @Test
    void missingCredential() {
        HttpResponse<String> response = post("async/strict/x", null);
        assertProblem(response, 401, "auth-missing", "AUTH_MISSING");
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
    }

    @Test
    void wrongCredential() {
        assertProblem(post("async/strict/x", "Bearer strict-token-3"), 401, "auth-invalid", "AUTH_INVALID");
        assertProblem(post("async/strict/x", "Basic c3RyaWN0OnRva2Vu"), 401, "auth-missing", "AUTH_MISSING");
    }

    @Test
    void anotherProxysCredential() {
        assertProblem(post("async/strict/x", "Bearer sync-token-1"), 401, "auth-invalid", "AUTH_INVALID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/../b", "../etc/passwd", "a/./b", "a/%2e%2e/b", "a%2Fb", "a%2fb", "%2E%2E/x", "a//b",
            "a@b", "a%40evil.com", "http:%2F%2Fevil", "a%0d%0ab", "a%7f"})
    void pathThatCouldLeaveTheTarget(String path) {
        // URI.create keeps the path as written (resolve() would normalise the dot segments away).
        HttpResponse<String> response = api.send(api.request("async/strict/").header("Authorization", "Bearer strict-token-1")
                .uri(java.net.URI.create(Gateway.shared().base() + "async/strict/" + path))
                .POST(HttpRequest.BodyPublishers.ofString(REFUSED)));
        assertProblem(response, 400, "bad-request", "BAD_REQUEST");
    }

    /** Encoded backslashes and NUL never reach Ferry: the HTTP layer answers 400 itself. */
    @ParameterizedTest
    @ValueSource(strings = {"a%5Cb", "a%5c", "a%00b"})
    void pathRefusedBeforeItReachesTheGateway(String path) {
        HttpResponse<String> response = api.send(api.request("async/strict/").header("Authorization", "Bearer strict-token-1")
                .uri(java.net.URI.create(Gateway.shared().base() + "async/strict/" + path))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(400, response.statusCode(), response.body());
    }

    @Test
    void bodyOverTheProxyLimit() {
        HttpResponse<String> response = api.send(api.request("async/strict/big").header("Authorization", "Bearer strict-token-1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1025])));
        assertProblem(response, 413, "payload-too-large", "PAYLOAD_TOO_LARGE");
    }

    @Test
    void tooManyHeaders() {
        HttpRequest.Builder request = api.request("async/strict/h").header("Authorization", "Bearer strict-token-1");
        for (int i = 0; i < 70; i++) {
            request.header("X-Many-" + i, "v");
        }
        assertProblem(api.send(request.POST(HttpRequest.BodyPublishers.ofString("{}"))), 431, "headers-too-large", "HEADERS_TOO_LARGE");
        assertProblem(api.send(api.request("async/strict/h").header("Authorization", "Bearer strict-token-1")
                .header("X-Big", "v".repeat(6500)).POST(HttpRequest.BodyPublishers.ofString("{}"))),
                431, "headers-too-large", "HEADERS_TOO_LARGE");
    }

    @Test
    void badControlHeaders() {
        assertProblem(api.send(api.request("async/strict/d").header("Authorization", "Bearer strict-token-1")
                .header("Ferry-Delay", "soon").POST(HttpRequest.BodyPublishers.ofString("{}"))), 400, "bad-request", "BAD_REQUEST");
        assertProblem(api.send(api.request("async/strict/d").header("Authorization", "Bearer strict-token-1")
                .header("Ferry-Retries", "-1").POST(HttpRequest.BodyPublishers.ofString("{}"))), 400, "bad-request", "BAD_REQUEST");
    }

    @Test
    void methodsThatAreNotQueued() {
        for (String method : new String[] {"HEAD", "OPTIONS", "PROPFIND", "TRACE"}) {
            HttpResponse<String> response = api.send(api.request("async/strict/x").header("Authorization", "Bearer strict-token-1")
                    .method(method, HttpRequest.BodyPublishers.noBody()));
            assertEquals(405, response.statusCode(), method);
            assertTrue(response.headers().firstValue("Allow").isPresent(), method);
            if (!method.equals("TRACE")) { // TRACE is refused by the HTTP listener before Ferry sees it
                assertEquals("BAD_REQUEST", response.headers().firstValue("Ferry-Proxy-Code").orElse(null), method);
            }
        }
    }
}
