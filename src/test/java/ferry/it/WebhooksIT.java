package ferry.it;

import static ferry.it.IntakeRefusalsIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Completion webhooks end to end (CONTRACT.md §8): each received webhook is verified with the
 * Standard Webhooks reference library as a receiver would verify it, including during a secret
 * rotation; a receiver that fails twice, one that answers 410 and one that hangs; redelivery;
 * and who may see a request's deliveries. The gateway runs with a short schedule (now, 1 s, 1 s,
 * 20 s) and a 5 s attempt time-out ({@link Gateway}).
 */
class WebhooksIT extends AgainstGateway {

    private static final Duration SOON = Duration.ofSeconds(30);
    private static final String SECRET = Api.webhookSecret(32);
    private static final String NEXT_SECRET = Api.webhookSecret(24);

    @BeforeAll
    static void proxies() {
        define("wh-basic", "/hooks/basic", SECRET, null, false);
        define("wh-rotating", "/hooks/rotating", SECRET, NEXT_SECRET, false);
        define("wh-flaky", "/hooks/flaky", SECRET, null, false);
        define("wh-gone", "/hooks/gone", SECRET, null, true);
        define("wh-hang", "/hooks/hang", SECRET, null, false);
        define("wh-quick", "/hooks/quick", SECRET, null, false);
        api.createProxy("""
                {"id":"wh-none","targetUrl":"%s/t","clientAuth":{"type":"bearer","tokens":["wh-none-token"]}}"""
                .formatted(origin.url()));
    }

    private static void define(String id, String hookPath, String secret, String nextSecret, boolean perRequest) {
        HttpResponse<String> answer = api.admin(exists(id) ? "PUT" : "POST", exists(id) ? "admin/proxies/" + id : "admin/proxies", """
                {"id":"%s","targetUrl":"%s/t","clientAuth":{"type":"bearer","tokens":["%s-token"]},
                 "callback":{"url":"%s%s","secret":"%s"%s,"allowPerRequest":%s}}"""
                .formatted(id, origin.url(), id, origin.url(), hookPath, secret,
                        nextSecret == null ? "" : ",\"nextSecret\":\"" + nextSecret + "\"", perRequest));
        assertTrue(answer.statusCode() == 201 || answer.statusCode() == 200, answer.body());
    }

    private static boolean exists(String id) {
        return api.admin("GET", "admin/proxies/" + id, null).statusCode() == 200;
    }

    @Test
    void aTracedRequestsWebhookJoinsItsTrace() {
        define("wh-traced", "/hooks/traced", SECRET, null, false);
        String traceId = OtlpReceiver.newId(16);
        String clientSpan = OtlpReceiver.newId(8);
        HttpResponse<String> accepted = api.send(api.request("async/wh-traced/x")
                .header("Authorization", "Bearer wh-traced-token")
                .header("traceparent", "00-" + traceId + "-" + clientSpan + "-01")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(202, accepted.statusCode(), accepted.body());
        Await.until("the webhook", Duration.ofSeconds(30), () -> !origin.receivedAt("/hooks/traced").isEmpty());
        StubOrigin.Received hook = origin.receivedAt("/hooks/traced").get(0);
        OtlpReceiver traces = Gateway.traces();
        Await.until("the webhook's span, joined to the client's", Duration.ofSeconds(20), () -> traces.trace(traceId).stream()
                .anyMatch(span -> span.attribute("ferry.webhook_id") != null && clientSpan.equals(traces.rootParent(span))));
        var trace = traces.trace(traceId);
        var intake = trace.stream().filter(span -> span.kind() == 2 && clientSpan.equals(span.parentSpanId()))
                .findFirst().orElseThrow();
        var webhook = trace.stream().filter(span -> span.attribute("ferry.webhook_id") != null).findFirst().orElseThrow();
        assertEquals(intake.spanId(), webhook.parentSpanId(), "the webhook attempt is the intake span's child");
        assertEquals(hook.header("webhook-id"), webhook.attribute("ferry.webhook_id"));
        assertEquals(200L, webhook.attribute("http.response.status_code"));
        assertEquals("00-" + traceId + "-" + webhook.spanId() + "-01", hook.header("traceparent"));
    }

    @Test
    void aCompletedRequestIsDeliveredSignedAndCarriesTheTargetsAnswer() throws Exception {
        origin.script("/t/basic", new StubOrigin.Answer(201, Map.of("X-Order", "o-17"), "{\"order\":17}".getBytes(), Duration.ZERO));
        String id = submit("wh-basic", "basic", null);
        StubOrigin.Received hook = awaitHooksFor("/hooks/basic", id);

        String payload = new String(hook.body(), StandardCharsets.UTF_8);
        assertDoesNotThrow(() -> new Webhook(SECRET).verify(payload, headers(hook)));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(Api.webhookSecret(32)).verify(payload, headers(hook)));
        assertFalse(hook.header("webhook-id").contains("."), "no '.' in a webhook-id");
        assertEquals("application/json", hook.header("content-type").split(";")[0]);

        JsonObject body = Api.object(payload);
        assertEquals("request.completed", body.getString("type"));
        JsonObject data = body.getJsonObject("data");
        assertEquals(id, data.getString("requestId"));
        assertEquals("wh-basic", data.getString("proxyId"));
        assertEquals("completed", data.getString("status"));
        assertEquals(1, data.getInt("attempts"));
        JsonObject response = data.getJsonObject("response");
        assertEquals(201, response.getInt("status"));
        assertEquals("{\"order\":17}", new String(Base64.getDecoder().decode(response.getString("bodyBase64")), StandardCharsets.UTF_8));
        assertEquals("o-17", response.getJsonObject("headers").getJsonArray("x-order").getString(0));

        JsonObject delivery = awaitDelivery(id, "wh-basic", "delivered");
        assertEquals(hook.header("webhook-id"), delivery.getString("webhookId"));
        assertEquals("proxy", delivery.getString("receiver"));
        assertFalse(delivery.containsKey("url"), "the proxy's callback URL is the admin's, not shown");
        JsonArray history = delivery.getJsonArray("history");
        assertEquals(1, history.size());
        assertEquals(200, history.getJsonObject(0).getInt("status"));
    }

    @Test
    void duringARotationBothSecretsVerify() {
        String id = submit("wh-rotating", "rotating", null);
        StubOrigin.Received hook = awaitHooks("/hooks/rotating", 1).get(0);
        String payload = new String(hook.body(), StandardCharsets.UTF_8);
        assertEquals(2, hook.header("webhook-signature").split(" ").length, hook.header("webhook-signature"));
        assertDoesNotThrow(() -> new Webhook(SECRET).verify(payload, headers(hook)));
        assertDoesNotThrow(() -> new Webhook(NEXT_SECRET).verify(payload, headers(hook)));
        assertEquals(id, Api.object(payload).getJsonObject("data").getString("requestId"));
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheSameWebhookThreeTimes() {
        origin.script("/hooks/flaky", StubOrigin.Answer.of(500, "no"),
                new StubOrigin.Answer(503, Map.of("Retry-After", "1"), new byte[0], Duration.ZERO));
        String id = submit("wh-flaky", "flaky", null);
        List<StubOrigin.Received> hooks = awaitHooks("/hooks/flaky", 3);
        assertEquals(1, hooks.stream().map(h -> h.header("webhook-id")).distinct().count(), "one webhook-id for all attempts");
        assertEquals(1, hooks.stream().map(h -> new String(h.body(), StandardCharsets.UTF_8)).distinct().count(),
                "every attempt sends the same payload");
        for (StubOrigin.Received hook : hooks) {
            assertDoesNotThrow(() -> new Webhook(SECRET).verify(new String(hook.body(), StandardCharsets.UTF_8), headers(hook)));
        }
        JsonArray history = awaitDelivery(id, "wh-flaky", "delivered").getJsonArray("history");
        assertEquals(3, history.size(), history.toString());
        assertEquals(500, history.getJsonObject(0).getInt("status"));
        assertTrue(history.getJsonObject(0).containsKey("nextAttemptAt"), history.toString());
        assertEquals(503, history.getJsonObject(1).getInt("status"));
        assertEquals(200, history.getJsonObject(2).getInt("status"));
    }

    @Test
    void a410DisablesTheProxysCallbackUntilItIsDefinedAgain() {
        origin.script("/hooks/gone", StubOrigin.Answer.of(410, "gone"));
        String first = submit("wh-gone", "gone-1", null);
        awaitHooks("/hooks/gone", 1);
        JsonObject failed = awaitDelivery(first, "wh-gone", "failed");
        assertEquals(1, failed.getJsonArray("history").size(), "no retry after 410");
        JsonObject callback = Api.object(api.admin("GET", "admin/proxies/wh-gone", null).body()).getJsonObject("callback");
        assertTrue(callback.containsKey("disabledAt"), callback.toString());
        assertFalse(callback.containsKey("secret"), "the secret stays write-only");

        // While disabled: the ending is recorded, nothing is sent, and a redelivery is refused.
        String second = submit("wh-gone", "gone-2", null);
        JsonObject skipped = awaitDelivery(second, "wh-gone", "failed");
        assertTrue(skipped.getString("lastError").startsWith("callback-disabled"), skipped.toString());
        assertEquals(0, skipped.getInt("attempts"));
        assertProblem(redeliver(second, "wh-gone"), 409, "callback-disabled", null);
        // A 410 from a request's own URL disables nothing on the proxy: checked below, once enabled.

        define("wh-gone", "/hooks/gone", SECRET, null, true); // re-enables it
        assertFalse(Api.object(api.admin("GET", "admin/proxies/wh-gone", null).body()).getJsonObject("callback")
                .containsKey("disabledAt"));
        HttpResponse<String> again = redeliver(second, "wh-gone");
        assertEquals(202, again.statusCode(), again.body());
        assertEquals(skipped.getString("webhookId"), Api.object(again.body()).getString("webhookId"), "the same webhook-id");
        awaitDelivery(second, "wh-gone", "delivered");
        assertEquals(2, origin.receivedAt("/hooks/gone").size());

        origin.script("/hooks/own-gone", StubOrigin.Answer.of(410, "gone"));
        String own = submit("wh-gone", "gone-3", origin.url() + "/hooks/own-gone");
        JsonObject ownDelivery = awaitDelivery(own, "wh-gone", "failed");
        assertEquals("request", ownDelivery.getString("receiver"));
        assertEquals(origin.url() + "/hooks/own-gone", ownDelivery.getString("url"));
        assertFalse(Api.object(api.admin("GET", "admin/proxies/wh-gone", null).body()).getJsonObject("callback")
                .containsKey("disabledAt"), "a request's own receiver disables nothing on the proxy");
    }

    @Test
    void aHangingReceiverTimesOutAndDelaysNoOtherProxysWebhooks() {
        for (int i = 0; i < 6; i++) {
            origin.script("/hooks/hang", new StubOrigin.Answer(200, Map.of(), new byte[0], Duration.ofSeconds(8)));
        }
        List<String> hanging = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            hanging.add(submit("wh-hang", "hang-" + i, null));
        }
        Await.until("the hanging receiver holds attempts", SOON, () -> origin.receivedAt("/hooks/hang").size() >= 4);
        String quick = submit("wh-quick", "quick", null);
        awaitHooksFor("/hooks/quick", quick);
        // The quick proxy's webhook arrived while the attempts at the hanging receiver were still
        // under way: none of them had been recorded yet (each lasts the 5 s time-out).
        for (String id : hanging) {
            JsonObject delivery = deliveries(id, "wh-hang").getJsonObject(0);
            assertTrue(delivery.getJsonArray("history").isEmpty(), delivery.toString());
        }
        awaitDelivery(quick, "wh-quick", "delivered");
        for (String id : hanging) {
            JsonObject done = awaitDelivery(id, "wh-hang", "delivered");
            JsonObject firstAttempt = done.getJsonArray("history").getJsonObject(0);
            if (!firstAttempt.containsKey("status")) {
                assertTrue(firstAttempt.getString("error").contains("no answer within 5000 ms"), firstAttempt.toString());
            }
        }
        assertTrue(origin.receivedAt("/hooks/hang").size() > 6, "timed-out attempts were made again");
    }

    @Test
    void aPendingDeliveryHoldsItsRequestBackFromThePurgeUntilItsProxyIsDeletedWhichCancelsIt() {
        api.createProxy("""
                {"id":"wh-doomed","targetUrl":"%s/t","clientAuth":{"type":"bearer","tokens":["wh-doomed-token"]},
                 "retentionSeconds":1,"callback":{"url":"%s/hooks/doomed","secret":"%s"}}"""
                .formatted(origin.url(), origin.url(), SECRET));
        origin.script("/hooks/doomed", StubOrigin.Answer.of(500, "no"), StubOrigin.Answer.of(500, "no"),
                StubOrigin.Answer.of(500, "no"));
        String id = submit("wh-doomed", "doomed", null);
        // Three attempts failed: the fourth waits 20 s, long past the request's 1 s retention.
        Await.until("three failed attempts", SOON, () -> {
            JsonArray all = deliveries(id, "wh-doomed");
            return !all.isEmpty() && all.getJsonObject(0).getJsonArray("history").size() == 3;
        });
        JsonObject status = Api.object(api.status(id, "Bearer wh-doomed-token").body());
        Await.until("the request's retention passed", SOON,
                () -> java.time.Instant.parse(status.getString("expiresAt")).plusSeconds(3).isBefore(java.time.Instant.now()));
        assertEquals(200, api.status(id, "Bearer wh-doomed-token").statusCode(), "purged with its webhook pending");

        assertEquals(204, api.admin("DELETE", "admin/proxies/wh-doomed", null).statusCode());
        JsonObject canceled = Api.object(api.admin("GET", "requests/" + id + "/deliveries", null).body())
                .getJsonArray("deliveries").getJsonObject(0);
        assertEquals("canceled", canceled.getString("state"), canceled.toString());
        assertEquals("the proxy was deleted", canceled.getString("lastError"));
        Await.until("the request purged once its delivery ended", SOON,
                () -> api.admin("GET", "requests/" + id, null).statusCode() == 404);
        assertEquals(3, origin.receivedAt("/hooks/doomed").size(), "nothing sent after the deletion");
    }

    @Test
    void aFailedRequestIsToldAsFailedWithItsError() {
        origin.script("/t/refused", StubOrigin.Answer.of(422, "{\"error\":\"no\"}"));
        String id = submit("wh-basic", "refused", null);
        api.awaitStatus(id, Api.hasStatus("failed"), SOON);
        JsonObject body = Api.object(new String(awaitHooksFor("/hooks/basic", id).body(), StandardCharsets.UTF_8));
        assertEquals("request.failed", body.getString("type"));
        JsonObject data = body.getJsonObject("data");
        assertEquals("failed", data.getString("status"));
        assertEquals(422, data.getJsonObject("response").getInt("status"));
        assertEquals("non-retryable-status", data.getJsonObject("error").getString("type"));
    }

    @Test
    void redeliveringSendsTheSameWebhookAgainAndNeedsAnEndedRequest() {
        String id = submit("wh-basic", "redeliver", null);
        StubOrigin.Received first = awaitHooksFor("/hooks/basic", id);
        awaitDelivery(id, "wh-basic", "delivered");
        HttpResponse<String> again = redeliver(id, "wh-basic");
        assertEquals(202, again.statusCode(), again.body());
        Await.until("the redelivery arrived", SOON, () -> origin.receivedAt("/hooks/basic").stream()
                .filter(h -> h.header("webhook-id").equals(first.header("webhook-id"))).count() == 2);
        List<StubOrigin.Received> both = origin.receivedAt("/hooks/basic").stream()
                .filter(h -> h.header("webhook-id").equals(first.header("webhook-id"))).toList();
        assertEquals(new String(both.get(0).body(), StandardCharsets.UTF_8), new String(both.get(1).body(), StandardCharsets.UTF_8));

        // Not ended: nothing to deliver yet.
        assertEquals(200, api.admin("POST", "admin/proxies/wh-quick/pause", null).statusCode());
        try {
            String waiting = submit("wh-quick", "waiting", null);
            assertProblem(redeliver(waiting, "wh-quick"), 409, "request-not-ended", null);
        } finally {
            assertEquals(200, api.admin("POST", "admin/proxies/wh-quick/resume", null).statusCode());
        }
        // No callback: nowhere to deliver.
        String plain = submit("wh-none", "plain", null);
        api.awaitStatus(plain, Api.hasStatus("completed"), SOON);
        assertEquals(0, deliveries(plain, "wh-none").size());
        assertProblem(redeliver(plain, "wh-none"), 409, "no-callback", null);
    }

    @Test
    void deliveriesAreVisibleOnlyToTheRequestsOwnProxyAndTheAdmin() {
        String id = submit("wh-basic", "visible", null);
        awaitDelivery(id, "wh-basic", "delivered");
        for (String path : new String[] {"requests/" + id + "/deliveries"}) {
            HttpResponse<String> other = api.send(api.request(path).header("Authorization", "Bearer wh-quick-token").GET());
            assertEquals(404, other.statusCode(), other.body());
            HttpResponse<String> none = api.send(api.request(path).GET());
            assertEquals(401, none.statusCode(), none.body());
            HttpResponse<String> admin = api.admin("GET", path, null);
            assertEquals(200, admin.statusCode(), admin.body());
        }
        HttpResponse<String> otherRedeliver = api.send(api.request("requests/" + id + "/deliveries/redeliver")
                .header("Authorization", "Bearer wh-quick-token").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(404, otherRedeliver.statusCode(), otherRedeliver.body());
    }

    // --- helpers ---

    private static String submit(String proxy, String path, String callbackUrl) {
        HttpRequest.Builder request = api.request("async/" + proxy + "/" + path)
                .header("Authorization", "Bearer " + proxy + "-token")
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\":1}"));
        if (callbackUrl != null) {
            request.header("Ferry-Callback-Url", callbackUrl);
        }
        HttpResponse<String> accepted = api.send(request);
        assertEquals(202, accepted.statusCode(), accepted.body());
        return Api.object(accepted.body()).getString("requestId");
    }

    private static List<StubOrigin.Received> awaitHooks(String path, int count) {
        Await.until(count + " webhook(s) at " + path, SOON, () -> origin.receivedAt(path).size() >= count);
        return origin.receivedAt(path);
    }

    /** The webhook about {@code requestId} that {@code path} received first. */
    private static StubOrigin.Received awaitHooksFor(String path, String requestId) {
        Await.until("a webhook about " + requestId + " at " + path, SOON, () -> origin.receivedAt(path).stream()
                .anyMatch(h -> new String(h.body(), StandardCharsets.UTF_8).contains(requestId)));
        return origin.receivedAt(path).stream()
                .filter(h -> new String(h.body(), StandardCharsets.UTF_8).contains(requestId)).findFirst().orElseThrow();
    }

    private static JsonArray deliveries(String requestId, String proxy) {
        HttpResponse<String> listed = api.send(api.request("requests/" + requestId + "/deliveries")
                .header("Authorization", "Bearer " + proxy + "-token").GET());
        assertEquals(200, listed.statusCode(), listed.body());
        JsonObject body = Api.object(listed.body());
        assertEquals(requestId, body.getString("requestId"));
        return body.getJsonArray("deliveries");
    }

    /** The request's latest delivery, once it is in {@code state}. */
    private static JsonObject awaitDelivery(String requestId, String proxy, String state) {
        JsonObject[] latest = new JsonObject[1];
        Await.until("delivery of " + requestId + " " + state, SOON, () -> {
            JsonArray all = deliveries(requestId, proxy);
            latest[0] = all.isEmpty() ? null : all.getJsonObject(all.size() - 1);
            return latest[0] != null && state.equals(latest[0].getString("state"));
        });
        return latest[0];
    }

    private static HttpResponse<String> redeliver(String requestId, String proxy) {
        return api.send(api.request("requests/" + requestId + "/deliveries/redeliver")
                .header("Authorization", "Bearer " + proxy + "-token").POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static Map<String, List<String>> headers(StubOrigin.Received hook) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : new String[] {"webhook-id", "webhook-timestamp", "webhook-signature"}) {
            headers.put(name, List.of(hook.header(name)));
        }
        return headers;
    }

    static {
        assertNotEquals(SECRET, NEXT_SECRET);
    }
}
