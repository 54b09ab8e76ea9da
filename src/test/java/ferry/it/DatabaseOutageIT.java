package ferry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped for 20 s under load (issue 16; runs in the PostgreSQL tier only, which
 * the pom gives it): no {@code 202} for anything not stored, refusals are {@code 503} +
 * {@code Retry-After}, readiness says the database is down, and every request accepted before,
 * during or after the outage is forwarded and completes once the database is back.
 */
class DatabaseOutageIT extends AgainstGateway {

    private static final String TOKEN = "Bearer outage-token";

    @Test
    void anOutageRefusesHonestlyAndLosesNothingAccepted() throws Exception {
        Assumptions.assumeTrue(Postgres.wanted(), "stops PostgreSQL: the PostgreSQL tier only");
        Postgres postgres = Gateway.postgres();
        api.createProxy("""
                {"id":"outage","targetUrl":"%s/o","clientAuth":{"type":"bearer","tokens":["outage-token"]}}"""
                .formatted(origin.url()));
        List<String> accepted = new CopyOnWriteArrayList<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> refusalsWithoutRetryAfter = new CopyOnWriteArrayList<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread client = new Thread(() -> {
            for (int i = 0; sending.get(); i++) {
                try {
                    HttpResponse<String> answer = api.send(api.request("async/outage/n" + i).header("Authorization", TOKEN)
                            .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + i + "}")));
                    statuses.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                    if (answer.statusCode() == 202) {
                        accepted.add(Api.object(answer.body()).getString("requestId"));
                    } else if (answer.headers().firstValue("Retry-After").isEmpty()) {
                        refusalsWithoutRetryAfter.add(answer.statusCode() + " " + answer.body());
                    }
                } catch (RuntimeException e) {
                    statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
                }
                Gateway.pause(20); // a steady trickle, not a flood: the point is the outage
            }
        }, "outage-client");
        client.start();
        Await.until("requests accepted before the outage", Duration.ofSeconds(30), () -> accepted.size() >= 20);

        postgres.stop();
        int acceptedBefore = accepted.size();
        Await.until("intake to refuse while the database is down", Duration.ofSeconds(30),
                () -> statuses.getOrDefault(503, new AtomicInteger()).get() >= 5);
        HttpResponse<String> ready = api.send(api.request("health/ready").GET());
        assertEquals(503, ready.statusCode(), "readiness while the database is down: " + ready.body());
        Gateway.pause(20_000); // the outage lasts 20 s by design; the client keeps sending throughout
        postgres.startAgain();
        Await.until("intake to accept again", Duration.ofSeconds(60), () -> accepted.size() >= acceptedBefore + 20);
        sending.set(false);
        client.join(60_000);

        assertTrue(refusalsWithoutRetryAfter.isEmpty(), "refusals without Retry-After: " + refusalsWithoutRetryAfter);
        for (Integer status : statuses.keySet()) {
            assertTrue(status == 202 || status == 503, "only 202 or 503 through an outage: " + statuses);
        }
        for (String id : accepted) {
            api.awaitStatus(id, Api.hasStatus("completed"), Duration.ofSeconds(120));
        }
        assertEquals(accepted.size(), accepted.stream().distinct().count());
    }
}
