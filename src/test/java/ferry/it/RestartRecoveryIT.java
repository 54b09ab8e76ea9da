package ferry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway killed with {@code kill -9} and started again on the same data directory: accepted
 * requests survive, a pending back-off still happens (once), and an attempt cut off in flight is
 * recorded as abandoned and repeated with the same Idempotency-Key (CONTRACT.md §1, §4); a webhook
 * waiting for its next attempt is sent after the restart, with the same webhook-id (§8).
 */
class RestartRecoveryIT extends AgainstGateway {

    private static final Duration DONE = Duration.ofSeconds(90);

    @BeforeAll
    static void start() {
        api.createProxy("""
                {"id":"crash","targetUrl":"%s/c","clientAuth":{"type":"bearer","tokens":["crash-token-1"]},
                 "retry":{"maxRetries":3,"initialDelayMs":5000,"maxDelayMs":10000,"attemptTimeoutMs":20000}}
                """.formatted(origin.url()));
        // Its back-off outlasts the steps before the kill on a slow database too (PostgreSQL tier).
        api.createProxy("""
                {"id":"crash-backoff","targetUrl":"%s/cb","clientAuth":{"type":"bearer","tokens":["crash-token-1"]},
                 "retry":{"maxRetries":3,"initialDelayMs":20000,"maxDelayMs":30000}}
                """.formatted(origin.url()));
        api.createProxy("""
                {"id":"durable","targetUrl":"%s/d","clientAuth":{"type":"bearer","tokens":["durable-token"]}}
                """.formatted(origin.url()));
        api.createProxy("""
                {"id":"crash-hook","targetUrl":"%s/h","clientAuth":{"type":"bearer","tokens":["crash-hook-token"]},
                 "callback":{"url":"%s/hooks/crash","secret":"%s"}}
                """.formatted(origin.url(), origin.url(), Api.webhookSecret(32)));
    }

    private static String submit(String proxy, String token, String path) {
        HttpResponse<String> accepted = api.send(api.request("async/" + proxy + "/" + path)
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(202, accepted.statusCode(), accepted.body());
        return Api.object(accepted.body()).getString("requestId");
    }

    @Test
    void acceptedWorkSurvivesAKill() throws Exception {
        // 1. Accepted and held (paused proxy): only the database and the journal know them.
        assertEquals(200, api.admin("POST", "admin/proxies/durable/pause", null).statusCode());
        List<String> held = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            held.add(submit("durable", "durable-token", "item-" + i));
        }
        // 2. Waiting for its back-off after a 503.
        origin.script("/cb/backoff", StubOrigin.Answer.of(503, "{}"));
        String backoff = submit("crash-backoff", "crash-token-1", "backoff");
        api.awaitStatus(backoff, Api.hasStatus("retrying"), Duration.ofSeconds(30));
        // 3. In flight: the target holds the first attempt for a minute.
        origin.script("/c/inflight", new StubOrigin.Answer(200, Map.of(), "{}".getBytes(), Duration.ofSeconds(60)));
        String inflight = submit("crash", "crash-token-1", "inflight");
        api.awaitStatus(inflight, Api.hasStatus("processing"), Duration.ofSeconds(30));
        Await.until("the in-flight attempt reached the origin", Duration.ofSeconds(10),
                () -> origin.receivedAt("/c/inflight").size() == 1);

        // 4. A keyed request, and a delayed one, both accepted before the crash.
        HttpResponse<String> keyed = api.send(api.request("async/crash/keyed").header("Authorization", "Bearer crash-token-1")
                .header("Idempotency-Key", "before-the-crash").POST(HttpRequest.BodyPublishers.ofString("{\"k\":1}")));
        assertEquals(202, keyed.statusCode(), keyed.body());
        String keyedId = Api.object(keyed.body()).getString("requestId");
        HttpResponse<String> delayedAnswer = api.send(api.request("async/crash/delayed-over-the-crash")
                .header("Authorization", "Bearer crash-token-1").header("Ferry-Delay", "15")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        String delayed = Api.object(delayedAnswer.body()).getString("requestId");

        // 5. A webhook whose receiver failed three times: its fourth attempt waits 20 s (Gateway's schedule).
        origin.script("/hooks/crash", StubOrigin.Answer.of(500, "no"), StubOrigin.Answer.of(500, "no"),
                StubOrigin.Answer.of(500, "no"));
        String hooked = submit("crash-hook", "crash-hook-token", "hooked");
        Await.until("three webhook attempts recorded", Duration.ofSeconds(30), () -> hookHistory(hooked).size() == 3);

        // 6. JMS submissions being consumed when the gateway dies: each is stored once, none is lost.
        List<String> jmsPaths = new ArrayList<>();
        try (jakarta.jms.Connection jms = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(
                Gateway.shared().brokerUrl()).createConnection(Gateway.JMS_USER, Gateway.JMS_PASSWORD);
             jakarta.jms.Session session = jms.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
             jakarta.jms.MessageProducer intake = session.createProducer(session.createQueue("ferry.intake"))) {
            for (int i = 0; i < 40; i++) {
                jakarta.jms.TextMessage message = session.createTextMessage("{}");
                message.setStringProperty("ferryProxyId", "durable");
                message.setStringProperty("ferryPath", "jms-" + i);
                intake.send(message);
                jmsPaths.add("/d/jms-" + i);
            }
        }

        Gateway.shared().kill();
        Gateway.shared().start();
        readinessToldTheTruth(Gateway.shared().probesOfLastStart());

        // The key is still the first request's: the same request again is a replay.
        HttpResponse<String> again = api.send(api.request("async/crash/keyed").header("Authorization", "Bearer crash-token-1")
                .header("Idempotency-Key", "before-the-crash").POST(HttpRequest.BodyPublishers.ofString("{\"k\":1}")));
        assertEquals(202, again.statusCode(), again.body());
        assertEquals(keyedId, Api.object(again.body()).getString("requestId"));
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElseThrow());

        JsonObject done = api.awaitStatus(backoff, Api.hasStatus("completed"), DONE);
        assertEquals(2, done.getInt("attempts"), "the pending attempt happened once, none was added");
        assertEquals(2, origin.receivedAt("/cb/backoff").size());

        JsonObject recovered = api.awaitStatus(inflight, Api.hasStatus("completed"), DONE);
        assertEquals(2, recovered.getInt("attempts"));
        List<StubOrigin.Received> sent = origin.receivedAt("/c/inflight");
        assertEquals(2, sent.size());
        assertEquals(sent.get(0).header("idempotency-key"), sent.get(1).header("idempotency-key"));
        JsonArray attempts = Api.object("{\"a\":" + api.send(api.request("requests/" + inflight + "/attempts")
                .header("Authorization", "Bearer crash-token-1").GET()).body() + "}").getJsonArray("a");
        assertEquals("timeout", attempts.getJsonObject(0).getString("outcome"));
        assertTrue(attempts.getJsonObject(0).getString("error").contains("abandoned"), attempts.toString());

        assertEquals(200, api.admin("POST", "admin/proxies/durable/resume", null).statusCode());
        for (String id : held) {
            api.awaitStatus(id, Api.hasStatus("completed"), DONE);
        }
        assertEquals(20, origin.received().stream().filter(r -> r.pathAndQuery().startsWith("/d/item-")).count());
        for (String path : jmsPaths) {
            Await.until(path + " forwarded", DONE, () -> !origin.receivedAt(path).isEmpty());
        }
        for (String path : jmsPaths) {
            assertEquals(1, origin.receivedAt(path).size(), path + " stored and forwarded once");
        }
        // Accepted with a delay before the crash: its scheduled delivery survived it, and fired once.
        api.awaitStatus(delayed, Api.hasStatus("completed"), DONE);
        assertEquals(1, origin.receivedAt("/c/delayed-over-the-crash").size());
        api.awaitStatus(keyedId, Api.hasStatus("completed"), DONE);
        assertEquals(1, origin.receivedAt("/c/keyed").size(), "the keyed request was sent once");

        Await.until("the webhook's fourth attempt, after the restart", DONE, () -> origin.receivedAt("/hooks/crash").size() == 4);
        List<StubOrigin.Received> hooks = origin.receivedAt("/hooks/crash");
        assertEquals(1, hooks.stream().map(h -> h.header("webhook-id")).distinct().count(), "one webhook-id throughout");
        Await.until("the webhook recorded as delivered", DONE, () -> hookHistory(hooked).size() == 4);
        assertEquals(200, hookHistory(hooked).getJsonObject(3).getInt("status"));
    }

    private static JsonArray hookHistory(String requestId) {
        HttpResponse<String> listed = api.send(api.request("requests/" + requestId + "/deliveries")
                .header("Authorization", "Bearer crash-hook-token").GET());
        JsonArray deliveries = Api.object(listed.body()).getJsonArray("deliveries");
        return deliveries.isEmpty() ? JsonArray.EMPTY_JSON_ARRAY : deliveries.getJsonObject(0).getJsonArray("history");
    }

    /**
     * Polled every 100 ms from the first second of the start: no {@code 200} came before Ferry's
     * own checks were all up (Payara's own health endpoint once answered {@code 200} with no
     * checks before the WAR was deployed), and once ready, intake accepts at once.
     */
    private static void readinessToldTheTruth(List<Gateway.Probe> probes) {
        assertTrue(!probes.isEmpty(), "no readiness answer was seen");
        Gateway.Probe last = probes.get(probes.size() - 1);
        assertEquals(200, last.status(), last.body());
        for (Gateway.Probe probe : probes) {
            if (probe.status() == 200) {
                JsonObject report = Api.object(probe.body());
                assertEquals("UP", report.getString("status"), probe.body());
                List<String> up = report.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                        .filter(c -> "UP".equals(c.getString("status"))).map(c -> c.getString("name")).toList();
                assertTrue(up.containsAll(List.of("ferry.migrations", "ferry.database", "ferry.broker",
                        "ferry.forwarding")), "a 200 without all of Ferry's checks up: " + probe.body());
            }
        }
        submit("crash", "crash-token-1", "first-after-ready");
    }
}
