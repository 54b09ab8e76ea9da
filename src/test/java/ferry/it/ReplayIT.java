package ferry.it;

import static ferry.it.IntakeRefusalsIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bulk replay with a dry run (CONTRACT.md §6): a real run given the dry run's until replays exactly its set. */
class ReplayIT extends AgainstGateway {

    @BeforeAll
    static void start() {
        api.createProxy("""
                {"id":"rpl","targetUrl":"%s/rpl","clientAuth":{"type":"bearer","tokens":["rpl-token"]}}"""
                .formatted(origin.url()));
    }

    private static String submit(String path) {
        HttpResponse<String> answer = api.send(api.request("async/rpl/" + path).header("Authorization", "Bearer rpl-token")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(202, answer.statusCode(), answer.body());
        return Api.object(answer.body()).getString("requestId");
    }

    private static JsonObject replay(String json) {
        HttpResponse<String> answer = api.admin("POST", "admin/requests/replay", json);
        assertEquals(200, answer.statusCode(), answer.body());
        return Api.object(answer.body());
    }

    @Test
    void aDryRunsCountIsWhatTheRealRunReplaysWhileNewFailuresArrive() {
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            origin.script("/rpl/a" + i, StubOrigin.Answer.of(400, "{}")); // non-retryable: fails at once
            first.add(submit("a" + i));
        }
        for (String id : first) {
            api.awaitStatus(id, Api.hasStatus("failed"), Duration.ofSeconds(30));
        }
        JsonObject dry = replay("{\"proxyId\":\"rpl\",\"status\":\"failed\",\"dryRun\":true}");
        assertEquals(12, dry.getInt("matched"));
        assertEquals(0, dry.getInt("requeued"));
        String until = dry.getString("until");

        // Failures that arrive after the dry run are not part of its set.
        List<String> later = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            origin.script("/rpl/b" + i, StubOrigin.Answer.of(400, "{}"));
            later.add(submit("b" + i));
        }
        for (String id : later) {
            api.awaitStatus(id, Api.hasStatus("failed"), Duration.ofSeconds(30));
        }
        JsonObject real = replay("{\"proxyId\":\"rpl\",\"status\":\"failed\",\"until\":\"" + until + "\"}");
        assertEquals(12, real.getInt("matched"));
        assertEquals(12, real.getInt("requeued"));
        assertEquals(until, real.getString("until"));

        for (String id : first) {
            JsonObject done = api.awaitStatus(id, Api.hasStatus("completed"), Duration.ofSeconds(60));
            assertEquals(2, done.getInt("attempts"));
        }
        for (String id : later) {
            assertEquals("failed", Api.object(api.status(id, "Bearer rpl-token").body()).getString("status"));
        }
    }

    @Test
    void onlyFailedOrCanceledRequestsOfANamedProxy() {
        assertProblem(api.admin("POST", "admin/requests/replay", "{\"proxyId\":\"rpl\",\"status\":\"completed\"}"),
                400, "bad-request", null);
        assertProblem(api.admin("POST", "admin/requests/replay", "{\"status\":\"failed\"}"), 400, "bad-request", null);
        assertProblem(api.admin("POST", "admin/requests/replay", "{\"proxyId\":\"rpl\",\"status\":\"failed\",\"until\":\"soon\"}"),
                400, "bad-request", null);
        assertProblem(api.send(api.request("admin/requests/replay").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))), 401, "auth-missing", null);
    }
}
