package ferry.it;

import static ferry.it.IntakeRefusalsIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code limits.maxBacklog} at intake (CONTRACT.md §2): a proxy holding that many unfinished
 * requests answers {@code 503} with {@code Retry-After} and stores nothing; once its backlog has
 * drained it accepts again. The count is at most {@code ferry.intake.backlog-refresh} (1 s) old.
 */
class BacklogLimitIT extends AgainstGateway {

    @Test
    void aFullBacklogRefusesIntakeUntilItDrains() {
        api.createProxy("""
                {"id":"backlog","targetUrl":"%s/b","clientAuth":{"type":"bearer","tokens":["backlog-token"]},
                 "limits":{"maxBacklog":3}}""".formatted(origin.url()));
        assertEquals(200, api.admin("POST", "admin/proxies/backlog/pause", null).statusCode());
        for (int i = 0; i < 3; i++) {
            assertEquals(202, submit("held-" + i).statusCode());
        }
        String marker = "refused-" + UUID.randomUUID();
        Await.until("the count sees the three held requests", Duration.ofSeconds(10),
                () -> submit("probe").statusCode() == 503);
        HttpResponse<String> refused = submit(marker);
        assertProblem(refused, 503, "unavailable", "UNAVAILABLE");
        assertEquals("5", refused.headers().firstValue("Retry-After").orElseThrow());
        assertFalse(StoredBytes.databaseContains(marker), "a refused request was stored");

        assertEquals(200, api.admin("POST", "admin/proxies/backlog/resume", null).statusCode());
        Await.until("the backlog drained and intake accepts again", Duration.ofSeconds(30),
                () -> submit("after").statusCode() == 202);
    }

    private static HttpResponse<String> submit(String path) {
        return api.send(api.request("async/backlog/" + path).header("Authorization", "Bearer backlog-token")
                .POST(HttpRequest.BodyPublishers.ofString("{\"p\":\"" + path + "\"}")));
    }
}
