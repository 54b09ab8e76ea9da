package ferry.it;

import static ferry.it.IntakeRefusalsIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cancel and retry (CONTRACT.md §6), under §5's access rules. */
class ControlIT extends AgainstGateway {

    private static final Duration DONE = Duration.ofSeconds(40);

    @BeforeAll
    static void start() {
        api.createProxy("""
                {"id":"ctl","targetUrl":"%s/ctl","clientAuth":{"type":"bearer","tokens":["ctl-token"]},
                 "retry":{"maxRetries":1,"initialDelayMs":100,"maxDelayMs":100}}""".formatted(origin.url()));
        api.createProxy("""
                {"id":"ctl-other","targetUrl":"%s/other","clientAuth":{"type":"bearer","tokens":["other-token"]}}"""
                .formatted(origin.url()));
    }

    private static String submit(String path, String... headers) {
        HttpRequest.Builder request = api.request("async/ctl/" + path).header("Authorization", "Bearer ctl-token");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> accepted = api.send(request.POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(202, accepted.statusCode(), accepted.body());
        return Api.object(accepted.body()).getString("requestId");
    }

    private static HttpResponse<String> post(String path, String token) {
        return api.send(api.request(path).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** A delayed request canceled before its time is never forwarded, though its message was scheduled. */
    @Test
    void aCanceledDelayedRequestIsNeverForwarded() {
        String canceled = submit("delayed-canceled", "Ferry-Delay", "2");
        HttpResponse<String> answer = post("requests/" + canceled + "/cancel", "ctl-token");
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("canceled", Api.object(answer.body()).getString("status"));
        // Due a little later than the canceled one: once it has been forwarded, the canceled
        // one's scheduled message has been delivered too.
        String later = submit("delayed-kept", "Ferry-Delay", "3");
        api.awaitStatus(later, Api.hasStatus("completed"), DONE);
        assertEquals(0, origin.receivedAt("/ctl/delayed-canceled").size(), "a canceled request was forwarded");
        JsonObject status = api.awaitStatus(canceled, Api.hasStatus("canceled"), DONE);
        assertEquals("canceled", status.getJsonObject("lastError").getString("type"));
        assertEquals(0, status.getInt("attempts"));
    }

    /** A long-poll waiting on a request is answered when it is canceled, not at its time-out. */
    @Test
    void cancelingAnswersTheRequestsWaiters() throws Exception {
        String id = submit("waited", "Ferry-Delay", "60");
        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> api.send(
                api.request("requests/" + id + "/response?wait=20").header("Authorization", "Bearer ctl-token").GET()));
        Await.until("the long-poll is waiting", Duration.ofSeconds(10), () -> !waiting.isDone());
        long t0 = System.nanoTime();
        assertEquals(200, post("requests/" + id + "/cancel", "ctl-token").statusCode());
        HttpResponse<String> answered = waiting.get(15, TimeUnit.SECONDS);
        assertProblem(answered, 409, "request-canceled", null);
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "answered at its time-out, not by the cancel");
    }

    @Test
    void onlyAWaitingRequestCanBeCanceled() {
        String done = submit("done");
        api.awaitStatus(done, Api.hasStatus("completed"), DONE);
        assertProblem(post("requests/" + done + "/cancel", "ctl-token"), 409, "request-not-cancelable", null);
        assertProblem(post("requests/" + done + "/retry", "ctl-token"), 409, "request-not-retryable", null);
    }

    /**
     * A retry is a fresh series under the same id: attempt numbers go on, the retry budget starts
     * again (maxRetries 1: two attempts per series), the attempt log keeps the old series.
     */
    @Test
    void aFailedRequestRetriedStartsAFreshSeries() {
        StubOrigin.Answer busy = StubOrigin.Answer.of(503, "{}");
        origin.script("/ctl/flaky", busy, busy, busy, StubOrigin.Answer.of(200, "{\"ok\":1}"));
        String id = submit("flaky");
        JsonObject failed = api.awaitStatus(id, Api.hasStatus("failed"), DONE);
        assertEquals("retries-exhausted", failed.getJsonObject("lastError").getString("type"));
        assertEquals(2, failed.getInt("attempts"));

        HttpResponse<String> retried = post("requests/" + id + "/retry", "ctl-token");
        assertEquals(202, retried.statusCode(), retried.body());
        assertEquals(id, Api.object(retried.body()).getString("requestId"));
        assertTrue(retried.headers().firstValue("Location").orElseThrow().endsWith("/requests/" + id));

        JsonObject done = api.awaitStatus(id, Api.hasStatus("completed"), DONE);
        assertEquals(4, done.getInt("attempts"), "503 then 200 in the new series: its budget started again");
        JsonArray attempts = Api.object("{\"a\":" + api.send(api.request("requests/" + id + "/attempts")
                .header("Authorization", "Bearer ctl-token").GET()).body() + "}").getJsonArray("a");
        assertEquals(4, attempts.size(), "the old series is kept");
        for (int i = 0; i < 4; i++) {
            assertEquals(i + 1, attempts.getJsonObject(i).getInt("number"));
        }
        assertEquals(4, origin.receivedAt("/ctl/flaky").size());
    }

    @Test
    void aCanceledRequestCanBeRetried() {
        String id = submit("canceled-then-retried", "Ferry-Delay", "60");
        assertEquals(200, post("requests/" + id + "/cancel", "ctl-token").statusCode());
        assertEquals(202, post("requests/" + id + "/retry", "ctl-token").statusCode());
        api.awaitStatus(id, Api.hasStatus("completed"), DONE);
        assertEquals(1, origin.receivedAt("/ctl/canceled-then-retried").size());
    }

    @Test
    void anotherProxysCredentialOrAnUnknownIdIsNotFound() {
        String id = submit("private", "Ferry-Delay", "60");
        assertProblem(post("requests/" + id + "/cancel", "other-token"), 404, "request-not-found", null);
        assertProblem(post("requests/" + id + "/retry", "other-token"), 404, "request-not-found", null);
        assertProblem(post("requests/00000000-0000-4000-8000-000000000000/cancel", "ctl-token"), 404,
                "request-not-found", null);
        assertProblem(api.send(api.request("requests/" + id + "/cancel").POST(HttpRequest.BodyPublishers.noBody())),
                401, "auth-missing", null);
        assertEquals(200, post("requests/" + id + "/cancel", "ctl-token").statusCode(), "still the owner's");
    }

    /** A retry of a paused proxy's request waits for the resume; one whose proxy is gone is 404. */
    @Test
    void aPausedProxyHoldsARetryAndADeletedOneRefusesIt() {
        api.createProxy("""
                {"id":"ctl-pause","targetUrl":"%s/pause","clientAuth":{"type":"bearer","tokens":["pause-token"]}}"""
                .formatted(origin.url()));
        origin.script("/pause/p", StubOrigin.Answer.of(400, "{}"));
        HttpResponse<String> accepted = api.send(api.request("async/ctl-pause/p").header("Authorization", "Bearer pause-token")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        String id = Api.object(accepted.body()).getString("requestId");
        api.awaitStatus(id, Api.hasStatus("failed"), DONE);
        assertEquals(200, api.admin("POST", "admin/proxies/ctl-pause/pause", null).statusCode());
        assertEquals(202, post("requests/" + id + "/retry", "pause-token").statusCode());
        String marker = api.send(api.request("async/ctl/marker-after-pause").header("Authorization", "Bearer ctl-token")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).body();
        api.awaitStatus(Api.object(marker).getString("requestId"), Api.hasStatus("completed"), DONE);
        assertEquals("queued", Api.object(api.status(id, "Bearer pause-token").body()).getString("status"), "held");
        assertEquals(1, origin.receivedAt("/pause/p").size());
        assertEquals(200, api.admin("POST", "admin/proxies/ctl-pause/resume", null).statusCode());
        api.awaitStatus(id, Api.hasStatus("completed"), DONE);

        origin.script("/pause/gone", StubOrigin.Answer.of(400, "{}"));
        String gone = Api.object(api.send(api.request("async/ctl-pause/gone").header("Authorization", "Bearer pause-token")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).body()).getString("requestId");
        api.awaitStatus(gone, Api.hasStatus("failed"), DONE);
        assertEquals(204, api.admin("DELETE", "admin/proxies/ctl-pause", null).statusCode());
        assertProblem(api.send(api.request("requests/" + gone + "/retry").header("Authorization", "Bearer " + Gateway.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody())), 404, "proxy-not-found", null);
    }

    /** A retry that would take a proxy past its maxBacklog of unfinished requests is 503. */
    @Test
    void aRetryBeyondTheBacklogIs503() {
        api.createProxy("""
                {"id":"ctl-full","targetUrl":"%s/full","clientAuth":{"type":"bearer","tokens":["full-token"]},
                 "limits":{"maxBacklog":1}}""".formatted(origin.url()));
        origin.script("/full/f", StubOrigin.Answer.of(400, "{}"));
        String failed = Api.object(api.send(api.request("async/ctl-full/f").header("Authorization", "Bearer full-token")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).body()).getString("requestId");
        api.awaitStatus(failed, Api.hasStatus("failed"), DONE);
        // The one unfinished request. Intake's count of the backlog may be up to a second old (it
        // may still count the failed one): it accepts once the count has caught up.
        Await.until("the waiting request accepted", DONE, () -> api.send(api.request("async/ctl-full/waiting")
                .header("Authorization", "Bearer full-token").header("Ferry-Delay", "60")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode() == 202);
        HttpResponse<String> refused = post("requests/" + failed + "/retry", "full-token");
        assertProblem(refused, 503, "unavailable", null);
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
    }

    /** A delayed request fires at its time (within a generous bound here; bench/ has the figures). */
    @Test
    void aDelayedRequestFiresAtItsTime() {
        long t0 = System.nanoTime();
        String id = submit("delayed-on-time", "Ferry-Delay", "2");
        api.awaitStatus(id, Api.hasStatus("completed"), DONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds >= 2.0, "fired after " + seconds + " s, before its delay");
        assertTrue(seconds < 8.0, "fired after " + seconds + " s");
    }
}
