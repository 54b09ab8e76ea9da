package ferry.it;

import static ferry.it.IntakeRefusalsIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Results (CONTRACT.md §5): the stored answer byte for byte, long-poll, sync mode with its
 * fallback to 202 and its deadline, and the retention purge.
 */
class ResultsIT extends AgainstGateway {

    private static final Duration DONE = Duration.ofSeconds(40);

    @BeforeAll
    static void start() {
        api.createProxy("""
                {"id":"results","targetUrl":"%s/res","clientAuth":{"type":"bearer","tokens":["results-token"]},
                 "retentionSeconds":3600}""".formatted(origin.url()));
    }

    private static HttpResponse<byte[]> bytes(HttpRequest.Builder request) {
        try {
            return java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                    .send(request.header("Authorization", "Bearer results-token").build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String submit(String entry, String path) {
        HttpResponse<String> accepted = api.send(api.request(entry + "/results/" + path)
                .header("Authorization", "Bearer results-token").header("Prefer", "respond-async")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(202, accepted.statusCode(), accepted.body());
        return Api.object(accepted.body()).getString("requestId");
    }

    @Test
    void theStoredAnswerComesBackByteForByte() {
        byte[] png = new byte[3000];
        for (int i = 0; i < png.length; i++) {
            png[i] = (byte) (255 - i % 256);
        }
        origin.script("/res/image", new StubOrigin.Answer(201, Map.of("Content-Type", "image/png", "X-Origin", "kept"),
                png, Duration.ZERO));
        String id = submit("async", "image");
        api.awaitStatus(id, Api.hasStatus("completed"), DONE);

        HttpResponse<byte[]> answer = bytes(api.request("requests/" + id + "/response").GET());
        assertEquals(201, answer.statusCode());
        assertArrayEquals(png, answer.body());
        assertEquals("image/png", answer.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("kept", answer.headers().firstValue("X-Origin").orElseThrow());
        assertEquals(id, answer.headers().firstValue("Ferry-Request-Id").orElseThrow());
        assertEquals("completed", answer.headers().firstValue("Ferry-Request-Status").orElseThrow());
        assertEquals("OK", answer.headers().firstValue("Ferry-Proxy-Code").orElseThrow());
    }

    @Test
    void beforeCompletionTheFetchAnswers202WithAFetchUrl() {
        api.createProxy("""
                {"id":"results-held","targetUrl":"%s/held","clientAuth":{"type":"bearer","tokens":["results-token"]}}"""
                .formatted(origin.url()));
        api.admin("POST", "admin/proxies/results-held/pause", null);
        HttpResponse<String> accepted = api.send(api.request("async/results-held/x").header("Authorization", "Bearer results-token")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        String id = Api.object(accepted.body()).getString("requestId");

        HttpResponse<String> pending = api.send(api.request("requests/" + id + "/response")
                .header("Authorization", "Bearer results-token").GET());
        assertEquals(202, pending.statusCode(), pending.body());
        JsonObject body = Api.object(pending.body());
        assertEquals("queued", body.getString("status"));
        assertEquals(id, body.getString("requestId"));
        assertTrue(body.getString("fetchUrl").endsWith("/requests/" + id + "/response?wait=25"), body.toString());
        assertTrue(body.containsKey("message"));
        assertEquals(body.getString("fetchUrl"), pending.headers().firstValue("Location").orElseThrow());
        assertTrue(pending.headers().firstValue("Retry-After").isPresent());
        assertEquals("queued", pending.headers().firstValue("Ferry-Request-Status").orElseThrow());

        long t0 = System.nanoTime();
        HttpResponse<String> waited = api.send(api.request("requests/" + id + "/response?wait=1")
                .header("Authorization", "Bearer results-token").GET());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(202, waited.statusCode());
        assertEquals("wait=1", waited.headers().firstValue("Preference-Applied").orElseThrow());
        assertTrue(ms >= 900, "long-poll returned after " + ms + " ms");
        HttpResponse<String> clamped = api.send(api.request("requests/" + id + "/response?wait=0")
                .header("Authorization", "Bearer results-token").GET());
        assertEquals("wait=0", clamped.headers().firstValue("Preference-Applied").orElseThrow());
        api.admin("POST", "admin/proxies/results-held/resume", null);
    }

    @Test
    void longPollReturnsAsSoonAsTheTargetAnswers() {
        origin.script("/res/slowish", new StubOrigin.Answer(200, Map.of("Content-Type", "text/plain"), "done".getBytes(),
                Duration.ofSeconds(1)));
        String id = submit("async", "slowish");
        long t0 = System.nanoTime();
        HttpResponse<String> answer = api.send(api.request("requests/" + id + "/response?wait=5")
                .header("Authorization", "Bearer results-token").GET());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("done", answer.body());
        assertTrue(ms < 4000, "took " + ms + " ms: woken by completion, not by the timeout");
        assertEquals("wait=5", answer.headers().firstValue("Preference-Applied").orElseThrow());
    }

    @Test
    void syncModeAnswersWithTheTargetsAnswer() {
        origin.script("/res/fast", new StubOrigin.Answer(200, Map.of("Content-Type", "application/json"),
                "{\"fast\":true}".getBytes(), Duration.ZERO));
        HttpResponse<String> answer = api.send(api.request("proxy/results/fast").header("Authorization", "Bearer results-token")
                .POST(HttpRequest.BodyPublishers.ofString("{\"q\":1}")));
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("{\"fast\":true}", answer.body());
        assertTrue(answer.headers().firstValue("Ferry-Request-Id").isPresent());
        assertEquals("Prefer", answer.headers().firstValue("Vary").orElseThrow());
        assertEquals(List.of("OK"), answer.headers().allValues("Ferry-Proxy-Code"), "once, not repeated");
    }

    @Test
    void syncModeFallsBackTo202ThenTheFetchUrlYieldsTheAnswer() {
        origin.script("/res/slow", new StubOrigin.Answer(200, Map.of("Content-Type", "text/plain"), "late".getBytes(),
                Duration.ofSeconds(3)));
        HttpResponse<String> first = api.send(api.request("proxy/results/slow").header("Authorization", "Bearer results-token")
                .header("Prefer", "wait=1").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(202, first.statusCode(), first.body());
        assertEquals("wait=1", first.headers().firstValue("Preference-Applied").orElseThrow());
        String fetchUrl = Api.object(first.body()).getString("fetchUrl");

        HttpResponse<String> later = api.send(api.request("").uri(java.net.URI.create(fetchUrl))
                .header("Authorization", "Bearer results-token").GET());
        assertEquals(200, later.statusCode(), later.body());
        assertEquals("late", later.body());
    }

    @Test
    void respondAsyncAnswersAtOnce() {
        HttpResponse<String> answer = api.send(api.request("proxy/results/whenever").header("Authorization", "Bearer results-token")
                .header("Prefer", "respond-async").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(202, answer.statusCode(), answer.body());
        assertEquals("respond-async", answer.headers().firstValue("Preference-Applied").orElseThrow());
        assertTrue(Api.object(answer.body()).containsKey("fetchUrl"));
    }

    @Test
    void preferWaitOnTheAsyncEntryAnswersLikeSyncMode() {
        HttpResponse<String> answer = api.send(api.request("async/results/eager").header("Authorization", "Bearer results-token")
                .header("Prefer", "wait=10").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("{\"ok\":true}", answer.body());
    }

    @Test
    void aSyncRequestPastItsDeadlineFailsWith504() {
        api.createProxy("""
                {"id":"results-deadline","targetUrl":"%s/dl","clientAuth":{"type":"bearer","tokens":["results-token"]},
                 "retry":{"initialDelayMs":500,"maxDelayMs":500,"maxRetries":50},"sync":{"waitSeconds":1,"deadlineSeconds":2}}"""
                .formatted(origin.url()));
        StubOrigin.Answer busy = StubOrigin.Answer.of(503, "{}");
        origin.script("/dl/never", busy, busy, busy, busy, busy, busy, busy, busy, busy, busy);
        HttpResponse<String> first = api.send(api.request("proxy/results-deadline/never")
                .header("Authorization", "Bearer results-token").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(202, first.statusCode(), first.body());
        String id = Api.object(first.body()).getString("requestId");
        JsonObject failed = api.awaitStatus(id, Api.hasStatus("failed"), DONE);
        assertEquals("deadline-exceeded", failed.getJsonObject("lastError").getString("type"));
        HttpResponse<String> fetched = api.send(api.request("requests/" + id + "/response")
                .header("Authorization", "Bearer results-token").GET());
        assertProblem(fetched, 504, "no-target-answer", null);
        assertEquals("failed", fetched.headers().firstValue("Ferry-Request-Status").orElseThrow());
    }

    @Test
    void aCanceledRequestAnswers409() {
        api.createProxy("""
                {"id":"results-gone","targetUrl":"%s/gone","clientAuth":{"type":"bearer","tokens":["results-token"]}}"""
                .formatted(origin.url()));
        api.admin("POST", "admin/proxies/results-gone/pause", null);
        HttpResponse<String> accepted = api.send(api.request("async/results-gone/x").header("Authorization", "Bearer results-token")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        String id = Api.object(accepted.body()).getString("requestId");
        api.admin("DELETE", "admin/proxies/results-gone?force=true", null);
        HttpResponse<String> fetched = api.send(api.request("requests/" + id + "/response")
                .header("Authorization", "Bearer " + Gateway.ADMIN_TOKEN).GET());
        assertProblem(fetched, 409, "request-canceled", null);
    }

    @Test
    void expiredResultsArePurged() {
        api.createProxy("""
                {"id":"results-brief","targetUrl":"%s/brief","clientAuth":{"type":"bearer","tokens":["results-token"]},
                 "retentionSeconds":1}""".formatted(origin.url()));
        HttpResponse<String> accepted = api.send(api.request("async/results-brief/x").header("Authorization", "Bearer results-token")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        String id = Api.object(accepted.body()).getString("requestId");
        JsonObject done = api.awaitStatus(id, Api.hasStatus("completed"), DONE);
        assertTrue(done.containsKey("expiresAt"));
        Await.until("the purge removed the request", DONE,
                () -> api.status(id, "Bearer results-token").statusCode() == 404);
        assertProblem(api.status(id, "Bearer results-token"), 404, "request-not-found", null);
        assertProblem(api.send(api.request("requests/" + id + "/attempts").header("Authorization", "Bearer " + Gateway.ADMIN_TOKEN).GET()),
                404, "request-not-found", null);
    }

    /** The request's answer is its last attempt's: after a final time-out, 504, not an earlier 503 (issue 11). */
    @Test
    void aFinalTimeOutAnswers504NotAnEarlierAttemptsAnswer() {
        api.createProxy("""
                {"id":"results-last","targetUrl":"%s/last","clientAuth":{"type":"bearer","tokens":["results-token"]},
                 "retry":{"maxRetries":1,"initialDelayMs":100,"maxDelayMs":100,"attemptTimeoutMs":800}}"""
                .formatted(origin.url()));
        origin.script("/last/slow", StubOrigin.Answer.of(503, "{\"busy\":true}"),
                new StubOrigin.Answer(200, java.util.Map.of(), "{}".getBytes(), Duration.ofSeconds(3)));
        HttpResponse<String> accepted = api.send(api.request("async/results-last/slow")
                .header("Authorization", "Bearer results-token").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = Api.object(accepted.body()).getString("requestId");
        JsonObject failed = api.awaitStatus(id, Api.hasStatus("failed"), DONE);
        assertEquals("retries-exhausted", failed.getJsonObject("lastError").getString("type"));
        HttpResponse<String> fetched = api.send(api.request("requests/" + id + "/response")
                .header("Authorization", "Bearer results-token").GET());
        assertProblem(fetched, 504, "no-target-answer", null);
    }

    /**
     * An answer over the 10 MiB cut is recorded as it is, and the rest is not waited for: an
     * endless 2xx is a completed request, not a time-out that sends the POST again (issue 11).
     */
    @Test
    void anAnswerOverTheCutIsRecordedWithoutWaitingForTheRest() {
        api.createProxy("""
                {"id":"results-huge","targetUrl":"%s/huge","clientAuth":{"type":"bearer","tokens":["results-token"]},
                 "retry":{"maxRetries":0,"attemptTimeoutMs":8000}}"""
                .formatted(origin.url()));
        byte[] big = new byte[11 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'x');
        origin.script("/huge/endless", new StubOrigin.Answer(200, java.util.Map.of(), big, Duration.ZERO,
                Duration.ofSeconds(30)));
        HttpResponse<String> accepted = api.send(api.request("async/results-huge/endless")
                .header("Authorization", "Bearer results-token").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = Api.object(accepted.body()).getString("requestId");
        JsonObject done = api.awaitStatus(id, s -> !"queued".equals(s.getString("status"))
                && !"processing".equals(s.getString("status")), DONE);
        assertEquals("completed", done.getString("status"), done.toString());
        assertEquals(1, done.getInt("attempts"));
        assertEquals(200, done.getJsonObject("response").getInt("status"));
        assertEquals("true", done.getJsonObject("response").getJsonObject("headers")
                .getJsonArray("ferry-response-truncated").getString(0));
    }

    /**
     * At a sync-mode request's deadline its in-flight attempt is aborted and it fails then
     * (deadline-exceeded, fetch 504), not an attempt time-out later (issue 11).
     */
    @Test
    void aSyncRequestWhoseTargetHangsFailsAtItsDeadline() {
        api.createProxy("""
                {"id":"results-hang","targetUrl":"%s/hang","clientAuth":{"type":"bearer","tokens":["results-token"]},
                 "retry":{"maxRetries":5,"attemptTimeoutMs":30000},"sync":{"waitSeconds":1,"deadlineSeconds":3}}"""
                .formatted(origin.url()));
        origin.script("/hang/never", new StubOrigin.Answer(200, java.util.Map.of(), "{}".getBytes(), Duration.ofSeconds(20)));
        long t0 = System.nanoTime();
        HttpResponse<String> accepted = api.send(api.request("proxy/results-hang/never")
                .header("Authorization", "Bearer results-token").header("Prefer", "respond-async")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = Api.object(accepted.body()).getString("requestId");
        JsonObject failed = api.awaitStatus(id, Api.hasStatus("failed"), Duration.ofSeconds(15));
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertEquals("deadline-exceeded", failed.getJsonObject("lastError").getString("type"));
        assertEquals(1, failed.getInt("attempts"));
        org.junit.jupiter.api.Assertions.assertTrue(seconds < 8, "failed " + seconds + " s after acceptance; deadline 3 s");
        assertProblem(api.send(api.request("requests/" + id + "/response")
                .header("Authorization", "Bearer results-token").GET()), 504, "no-target-answer", null);
    }
}
