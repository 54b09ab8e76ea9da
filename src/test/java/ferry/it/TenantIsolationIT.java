package ferry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One tenant's bad input changes nothing for another (issue 11): concurrent requests share
 * group commits, so a value one client sends that the database cannot store must be refused
 * before the group, or fail its sender alone.
 */
class TenantIsolationIT extends AgainstGateway {

    @BeforeAll
    static void start() {
        // Paused: the test is about intake; nothing needs to reach the origin.
        api.createProxy("""
                {"id":"iso-a","targetUrl":"%s/a","clientAuth":{"type":"bearer","tokens":["iso-a-token"]}}"""
                .formatted(origin.url()));
        api.createProxy("""
                {"id":"iso-b","targetUrl":"%s/b","clientAuth":{"type":"bearer","tokens":["iso-b-token"]}}"""
                .formatted(origin.url()));
        assertEquals(200, api.admin("POST", "admin/proxies/iso-a/pause", null).statusCode());
        assertEquals(200, api.admin("POST", "admin/proxies/iso-b/pause", null).statusCode());
    }

    @Test
    void overLongPathsOfOneProxyFailNoOtherProxysRequests() throws Exception {
        // 5,000 characters: past the 4,096 of the column, inside what the HTTP listener takes.
        String tooLong = "x".repeat(5000);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<HttpResponse<String>>> valid = new ArrayList<>();
            List<Future<HttpResponse<String>>> invalid = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (int i = 0; i < 6; i++) {
                    int n = round * 6 + i;
                    valid.add(clients.submit(() -> api.send(api.request("async/iso-a/item-" + n)
                            .header("Authorization", "Bearer iso-a-token")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + n + "}")))));
                }
                for (int i = 0; i < 2; i++) {
                    invalid.add(clients.submit(() -> api.send(api.request("async/iso-b/" + tooLong)
                            .header("Authorization", "Bearer iso-b-token")
                            .POST(HttpRequest.BodyPublishers.ofString("{}")))));
                }
            }
            for (Future<HttpResponse<String>> answer : valid) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                assertEquals(202, response.statusCode(), response.body());
            }
            for (Future<HttpResponse<String>> answer : invalid) {
                IntakeRefusalsIT.assertProblem(answer.get(60, TimeUnit.SECONDS), 414, "uri-too-long", "URI_TOO_LONG");
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
