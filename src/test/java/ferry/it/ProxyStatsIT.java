package ferry.it;

import static ferry.it.IntakeRefusalsIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /admin/proxies/{id}/stats} (CONTRACT.md §6): counts by state and the backlog from
 * the database, and the target's recent success rate and latency from this node's attempts.
 */
class ProxyStatsIT extends AgainstGateway {

    @Test
    void statsShowWhatTheProxysRequestsAndItsTargetDid() {
        api.createProxy("""
                {"id":"stats","targetUrl":"%s/st","clientAuth":{"type":"bearer","tokens":["stats-token"]},
                 "retry":{"maxRetries":0}}""".formatted(origin.url()));
        origin.script("/st/slow", new StubOrigin.Answer(200, Map.of(), "{}".getBytes(), Duration.ofMillis(300)));
        origin.script("/st/broken", StubOrigin.Answer.of(503, "down"));
        List<String> ids = new ArrayList<>();
        for (String path : new String[] {"ok-1", "ok-2", "ok-3", "slow", "broken"}) {
            HttpResponse<String> accepted = api.send(api.request("async/stats/" + path)
                    .header("Authorization", "Bearer stats-token").POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertEquals(202, accepted.statusCode(), accepted.body());
            ids.add(Api.object(accepted.body()).getString("requestId"));
        }
        for (String id : ids) {
            api.awaitStatus(id, s -> !List.of("queued", "processing", "retrying").contains(s.getString("status")),
                    Duration.ofSeconds(30));
        }
        // Paused: what arrives now waits, and is the backlog.
        assertEquals(200, api.admin("POST", "admin/proxies/stats/pause", null).statusCode());
        api.send(api.request("async/stats/held").header("Authorization", "Bearer stats-token")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        HttpResponse<String> answer = api.admin("GET", "admin/proxies/stats/stats", null);
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject stats = Api.object(answer.body());
        assertEquals(4, stats.getJsonObject("counts").getInt("completed"), answer.body());
        assertEquals(1, stats.getJsonObject("counts").getInt("failed"), answer.body());
        assertEquals(1, stats.getJsonObject("counts").getInt("queued"), answer.body());
        assertEquals(1, stats.getInt("backlog"));
        assertEquals(5, stats.getInt("recentAttempts"));
        assertEquals(0.8, stats.getJsonNumber("successRate").doubleValue(), 1e-9, "the 503 was not well");
        JsonObject latency = stats.getJsonObject("latencyMs");
        assertTrue(latency.getInt("p99") >= 300, "the slow answer is the p99: " + latency);
        assertTrue(latency.getInt("p50") <= latency.getInt("p95") && latency.getInt("p95") <= latency.getInt("p99"));
        assertTrue(stats.containsKey("drainSeconds"));
        assertEquals(0, stats.getInt("inFlight"));
        assertEquals(200, api.admin("POST", "admin/proxies/stats/resume", null).statusCode());

        assertProblem(api.admin("GET", "admin/proxies/no-such/stats", null), 404, "proxy-not-found", null);
        assertProblem(api.send(api.request("admin/proxies/stats/stats").header("Authorization", "Bearer stats-token").GET()),
                401, "auth-invalid", null);
    }
}
