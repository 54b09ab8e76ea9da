package ferry.it;

import static ferry.it.IntakeRefusalsIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Idempotency keys (CONTRACT.md §7): the same request twice happens once. */
class IdempotencyIT extends AgainstGateway {

    @BeforeAll
    static void start() {
        for (String id : new String[] {"idem", "idem-other"}) {
            api.createProxy("""
                    {"id":"%s","targetUrl":"%s/%s","clientAuth":{"type":"bearer","tokens":["idem-token"]}}"""
                    .formatted(id, origin.url(), id));
        }
    }

    private static HttpResponse<String> send(String proxy, String path, String key, String body) {
        return api.send(api.request("async/" + proxy + "/" + path).header("Authorization", "Bearer idem-token")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void theSameKeyAndPayloadIsTheSameRequestReplayed() {
        HttpResponse<String> first = send("idem", "orders", "order-7", "{\"n\":7}");
        assertEquals(202, first.statusCode(), first.body());
        String id = Api.object(first.body()).getString("requestId");
        assertTrue(first.headers().firstValue("Idempotent-Replayed").isEmpty());

        HttpResponse<String> again = send("idem", "orders", "\"order-7\"", "{\"n\":7}"); // quoted: the same key
        assertEquals(202, again.statusCode(), again.body());
        assertEquals(id, Api.object(again.body()).getString("requestId"));
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElseThrow());

        api.awaitStatus(id, Api.hasStatus("completed"), Duration.ofSeconds(30));
        HttpResponse<String> later = send("idem", "orders", "order-7", "{\"n\":7}");
        assertEquals(id, Api.object(later.body()).getString("requestId"), "replayed after completion too");
        assertEquals(1, origin.receivedAt("/idem/orders").size(), "forwarded once");
        assertEquals("order-7", origin.receivedAt("/idem/orders").get(0).header("idempotency-key"),
                "the target gets the key the client sent");
    }

    @Test
    void theSameKeyForAnotherPayloadIs422() {
        assertEquals(202, send("idem", "pay", "pay-1", "{\"amount\":10}").statusCode());
        assertProblem(send("idem", "pay", "pay-1", "{\"amount\":99}"), 422, "idempotency-key-reused",
                "IDEMPOTENCY_KEY_REUSED");
        assertProblem(send("idem", "pay-other", "pay-1", "{\"amount\":10}"), 422, "idempotency-key-reused",
                "IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void keysAreScopedToTheProxy() {
        String a = Api.object(send("idem", "scoped", "shared-key", "{}").body()).getString("requestId");
        String b = Api.object(send("idem-other", "scoped", "shared-key", "{}").body()).getString("requestId");
        assertTrue(!a.equals(b));
    }

    @Test
    void malformedKeysAre400() {
        assertProblem(send("idem", "bad", "\"\"", "{}"), 400, "bad-request", "BAD_REQUEST");
        assertProblem(send("idem", "bad", "k".repeat(256), "{}"), 400, "bad-request", "BAD_REQUEST");
    }

    /** Fifty identical keyed requests at once: one stored request, one forward. */
    @Test
    void fiftyConcurrentIdenticalRequestsAreOneRequestAndOneForward() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                answers.add(clients.submit(() -> {
                    go.await();
                    return send("idem", "burst", "burst-1", "{\"same\":true}");
                }));
            }
            go.countDown();
            Set<String> ids = new HashSet<>();
            int accepted = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                if (response.statusCode() == 409) {
                    assertProblem(response, 409, "idempotency-key-in-flight", "IDEMPOTENCY_KEY_IN_FLIGHT");
                } else {
                    assertEquals(202, response.statusCode(), response.body());
                    ids.add(Api.object(response.body()).getString("requestId"));
                    accepted++;
                }
            }
            assertTrue(accepted >= 1);
            assertEquals(1, ids.size(), "one request id for every accepted answer");
            api.awaitStatus(ids.iterator().next(), Api.hasStatus("completed"), Duration.ofSeconds(30));
            assertEquals(1, origin.receivedAt("/idem/burst").size(), "forwarded once");
            JsonList listed = JsonList.of(api.admin("GET", "admin/requests?proxyId=idem&limit=1000", null).body());
            assertEquals(1, listed.pathCount("/burst"), "stored once");
        } finally {
            clients.shutdownNow();
        }
    }

    /** The admin listing's items, by path. */
    private record JsonList(List<jakarta.json.JsonObject> items) {
        static JsonList of(String body) {
            return new JsonList(Api.object(body).getJsonArray("items").getValuesAs(jakarta.json.JsonObject.class));
        }

        long pathCount(String path) {
            return items.stream().filter(o -> o.getString("path").equals(path)).count();
        }
    }
}
