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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The external broker pair under load (issue 16; the production tier only, which the pom gives
 * it): the primary killed with {@code kill -9} hands over to its backup and nothing accepted is
 * lost; with no broker at all, intake still answers {@code 202} (the row is the record),
 * readiness says the broker is down, and the work follows when a broker is back. Each test leaves
 * the pair as it found it: primary live, backup waiting.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerFailoverIT extends AgainstGateway {

    private static final String TOKEN = "Bearer failover-token";

    @BeforeAll
    static void proxy() {
        Assumptions.assumeTrue(BrokerPair.wanted(), "the production tier only");
        api.createProxy("""
                {"id":"failover","targetUrl":"%s/f","clientAuth":{"type":"bearer","tokens":["failover-token"]},
                 "retry":{"maxRetries":5,"initialDelayMs":500,"maxDelayMs":2000}}
                """.formatted(origin.url()));
    }

    @Test
    @Order(1)
    void aPrimaryKilledUnderLoadHandsOverAndLosesNothing() throws Exception {
        BrokerPair brokers = Gateway.brokers();
        Load load = Load.start("fo");
        Await.until("requests accepted and forwarded before the kill", Duration.ofSeconds(60),
                () -> load.accepted.size() >= 40 && origin.received().size() >= 20);
        long killedAt = System.nanoTime();
        brokers.killPrimary();
        int acceptedBefore = load.accepted.size();
        Await.until("the backup to become live", Duration.ofSeconds(60), brokers::backupHasBeenLive);
        Await.until("requests accepted after the failover", Duration.ofSeconds(60),
                () -> load.accepted.size() >= acceptedBefore + 40);
        load.stop();

        load.assertOnly202();
        load.awaitAllCompleted();
        Duration recovered = Duration.ofNanos(System.nanoTime() - killedAt);
        System.out.printf("[broker failover] accepted %d (%d before the kill); lost 0; all completed %d s after the kill%n",
                load.accepted.size(), acceptedBefore, recovered.toSeconds());

        // Back to the starting shape: the primary returns and the backup hands the store back.
        brokers.startPrimary();
        String after = load.submit("after-failback");
        api.awaitStatus(after, Api.hasStatus("completed"), Duration.ofSeconds(120));
    }

    @Test
    @Order(2)
    void withNoBrokerIntakeStillAcceptsAndTheWorkFollows() throws Exception {
        BrokerPair brokers = Gateway.brokers();
        Load load = Load.start("nb");
        Await.until("requests accepted before the outage", Duration.ofSeconds(60), () -> load.accepted.size() >= 20);
        brokers.killBoth();
        int acceptedBefore = load.accepted.size();
        Await.until("requests accepted with no broker", Duration.ofSeconds(60),
                () -> load.accepted.size() >= acceptedBefore + 20);
        Await.until("readiness to report the broker down", Duration.ofSeconds(30), () -> {
            HttpResponse<String> ready = api.send(api.request("health/ready").GET());
            return ready.statusCode() == 503 && ready.body().contains("ferry.broker");
        });
        brokers.startPrimary();
        brokers.startBackup();
        Await.until("readiness once a broker is back", Duration.ofSeconds(120),
                () -> api.send(api.request("health/ready").GET()).statusCode() == 200);
        load.stop();

        load.assertOnly202();
        load.awaitAllCompleted();
        System.out.printf("[broker outage] accepted %d (%d while no broker ran); lost 0%n",
                load.accepted.size(), load.accepted.size() - acceptedBefore);
    }

    /** Four clients sending steadily to the shared node, keeping what each answer was. */
    private static final class Load {
        final List<String> accepted = new CopyOnWriteArrayList<>();
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final AtomicBoolean sending = new AtomicBoolean(true);
        final List<Thread> clients = new CopyOnWriteArrayList<>();
        final String prefix;

        private Load(String prefix) {
            this.prefix = prefix;
        }

        static Load start(String prefix) {
            Load load = new Load(prefix);
            for (int c = 0; c < 4; c++) {
                int client = c;
                Thread thread = new Thread(() -> {
                    for (int i = 0; load.sending.get(); i++) {
                        try {
                            HttpResponse<String> answer = api.send(api.request("async/failover/" + prefix + client + "-" + i)
                                    .header("Authorization", TOKEN).timeout(Duration.ofSeconds(30))
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"i\":" + i + "}")));
                            load.statuses.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                            if (answer.statusCode() == 202) {
                                load.accepted.add(Api.object(answer.body()).getString("requestId"));
                            }
                        } catch (RuntimeException e) {
                            load.statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
                        }
                        Gateway.pause(25);
                    }
                }, "failover-client-" + c);
                load.clients.add(thread);
                thread.start();
            }
            return load;
        }

        String submit(String path) {
            HttpResponse<String> answer = api.send(api.request("async/failover/" + path)
                    .header("Authorization", TOKEN).POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertEquals(202, answer.statusCode(), answer.body());
            return Api.object(answer.body()).getString("requestId");
        }

        void stop() throws InterruptedException {
            sending.set(false);
            for (Thread client : clients) {
                client.join(60_000);
            }
        }

        void assertOnly202() {
            assertEquals(java.util.Set.of(202), statuses.keySet(), "every answer a 202 (the row is the record): " + statuses);
        }

        void awaitAllCompleted() {
            for (String id : accepted) {
                api.awaitStatus(id, Api.hasStatus("completed"), Duration.ofSeconds(180));
            }
            assertEquals(accepted.size(), accepted.stream().distinct().count());
            assertTrue(origin.received().size() >= accepted.size());
        }
    }
}
