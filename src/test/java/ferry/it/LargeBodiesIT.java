package ferry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Memory is bounded by bytes, not counts (issue 11): sixty 10 MiB requests at once, to a target
 * that takes 20 s, on the launcher's default heap (512 MiB on Payara, 640 MiB on WildFly). Every accepted one completes with its body
 * forwarded whole, the only refusals are 503 with Retry-After, and the gateway keeps answering.
 * The limit is fixed (not adaptive) so that all sixty are on their way to the target at once.
 */
class LargeBodiesIT extends AgainstGateway {

    private static final int BODY = 10 * 1024 * 1024;

    @Test
    void sixtyTenMebibyteRequestsToASlowTargetAreAcceptedOrRefusedNeverLost() throws Exception {
        try (StubOrigin slow = new StubOrigin(64)) {
            api.createProxy("""
                    {"id":"large","targetUrl":"%s/l","clientAuth":{"type":"bearer","tokens":["large-token"]},
                     "retry":{"attemptTimeoutMs":60000},"limits":{"adaptive":false}}""".formatted(slow.url()));
            for (int i = 0; i < 60; i++) {
                slow.script("/l/r" + i, new StubOrigin.Answer(200, Map.of(), "{}".getBytes(), Duration.ofSeconds(20)));
            }
            ExecutorService clients = Executors.newFixedThreadPool(60);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            try {
                for (int i = 0; i < 60; i++) {
                    int n = i;
                    answers.add(clients.submit(() -> {
                        byte[] body = new byte[BODY];
                        java.util.Arrays.fill(body, (byte) ('a' + n % 26));
                        return api.send(api.request("async/large/r" + n).header("Authorization", "Bearer large-token")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
                    }));
                }
                List<String> accepted = new ArrayList<>();
                for (Future<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> response = answer.get(120, TimeUnit.SECONDS);
                    if (response.statusCode() == 503) {
                        IntakeRefusalsIT.assertProblem(response, 503, "unavailable", "UNAVAILABLE");
                        assertTrue(response.headers().firstValue("Retry-After").isPresent());
                    } else {
                        assertEquals(202, response.statusCode(), response.body());
                        accepted.add(Api.object(response.body()).getString("requestId"));
                    }
                }
                assertTrue(accepted.size() >= 10, "only " + accepted.size() + " of 60 accepted");

                // Responsive while up to sixty 10 MiB bodies are on their way to the target.
                long t0 = System.nanoTime();
                assertEquals(200, api.send(api.request("health/live").GET()).statusCode());
                assertTrue((System.nanoTime() - t0) < 5_000_000_000L, "the gateway took over 5 s to answer");

                for (String id : accepted) {
                    JsonObject done = api.awaitStatus(id, s -> !List.of("queued", "processing").contains(s.getString("status")),
                            Duration.ofSeconds(180));
                    assertEquals("completed", done.getString("status"), done.toString());
                }
                assertEquals(accepted.size(), slow.received().size(), "each accepted request reached the target once");
                slow.received().forEach(r -> assertEquals(BODY, r.body().length, "a body was not forwarded whole"));
            } finally {
                clients.shutdownNow();
            }
        }
    }
}
