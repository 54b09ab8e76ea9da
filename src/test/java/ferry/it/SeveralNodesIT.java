package ferry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Ferry nodes on one PostgreSQL and one broker pair (issue 16; the production tier only,
 * which the pom gives it). Work is shared through the database and the broker, no node is
 * special: a long-poll on one node is woken by an end on the other (the events topic), one
 * idempotency key sent to both at once is one request, and a node killed with {@code kill -9}
 * under load loses nothing that either node accepted, while no attempt is ever made by two
 * nodes at once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralNodesIT extends AgainstGateway {

    private static final String TOKEN = "Bearer nodes-token";
    private static Api second;
    private static AttemptLedger ledger;

    @BeforeAll
    static void twoNodes() {
        Assumptions.assumeTrue(BrokerPair.wanted() && Postgres.wanted(), "the production tier only");
        second = new Api(Gateway.secondNode().base());
        ledger = new AttemptLedger(Gateway.originPort());
        // A proxy defined on one node serves on both (the second reads it from the database).
        api.createProxy("""
                {"id":"nodes","targetUrl":"http://127.0.0.1:%d/n","clientAuth":{"type":"bearer","tokens":["nodes-token"]},
                 "retry":{"maxRetries":5,"initialDelayMs":500,"maxDelayMs":2000,"attemptTimeoutMs":5000}}
                """.formatted(ledger.port()));
        api.createProxy("""
                {"id":"nodes-later","targetUrl":"%s/l","clientAuth":{"type":"bearer","tokens":["nodes-token"]}}
                """.formatted(origin.url()));
    }

    @AfterAll
    static void closeLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    @Order(1)
    void aLongPollOnOneNodeIsWokenByAnEndOnTheOther() throws Exception {
        HttpResponse<String> accepted = api.send(api.request("async/nodes-later/x").header("Authorization", TOKEN)
                .header("Ferry-Delay", "5m").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = Api.object(accepted.body()).getString("requestId");
        double waitingBefore = waiting(api);
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> poll = CompletableFuture.supplyAsync(() -> api.send(
                api.request("requests/" + id + "/response?wait=25").header("Authorization", TOKEN).GET()));
        Await.until("the long-poll to wait on the first node", Duration.ofSeconds(20), () -> waiting(api) > waitingBefore);

        HttpResponse<String> canceled = second.send(second.request("requests/" + id + "/cancel")
                .header("Authorization", TOKEN).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, canceled.statusCode(), canceled.body());

        HttpResponse<String> answer = poll.get(40, java.util.concurrent.TimeUnit.SECONDS);
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(409, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("request-canceled"), answer.body());
        // Without the event it would have answered from the row at the end of its 25 s.
        assertTrue(waited.compareTo(Duration.ofSeconds(15)) < 0, "woken after " + waited);
        System.out.println("[several nodes] long-poll on node 1 woken by a cancel on node 2 after " + waited.toMillis() + " ms");
    }

    @Test
    @Order(2)
    void oneIdempotencyKeyOnBothNodesAtOnceIsOneRequest() throws Exception {
        List<Api> nodes = List.of(api, second);
        ExecutorService clients = Executors.newFixedThreadPool(20);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Api node = nodes.get(i % 2);
                answers.add(clients.submit(() -> {
                    go.await();
                    return node.send(node.request("async/nodes-later/keyed").header("Authorization", TOKEN)
                            .header("Idempotency-Key", "both-nodes-1").POST(HttpRequest.BodyPublishers.ofString("{\"k\":1}")));
                }));
            }
            go.countDown();
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (var answer : answers) {
                HttpResponse<String> response = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
                if (response.statusCode() == 409) {
                    assertTrue(response.body().contains("idempotency-key-in-flight"), response.body());
                } else {
                    assertEquals(202, response.statusCode(), response.body());
                    ids.add(Api.object(response.body()).getString("requestId"));
                }
            }
            assertEquals(1, ids.size(), "one request id for every accepted answer, whichever node answered");
            api.awaitStatus(ids.iterator().next(), Api.hasStatus("completed"), Duration.ofSeconds(60));
            assertEquals(1, origin.receivedAt("/l/keyed").size(), "forwarded once");
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    @Order(3)
    void aNodeKilledUnderLoadLosesNothing() throws Exception {
        Gateway doomed = Gateway.secondNode();
        List<Api> nodes = List.of(api, second);
        Map<String, Integer> acceptedBy = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger switchedNode = new AtomicInteger();
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        for (int c = 0; c < 16; c++) {
            int client = c;
            clients.submit(() -> {
                int node = client % 2; // spread over both, as a load balancer would
                for (int i = 0; sending.get(); i++) {
                    try {
                        HttpResponse<String> answer = nodes.get(node).send(nodes.get(node)
                                .request("async/nodes/c" + client + "-" + i).header("Authorization", TOKEN)
                                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString("{\"i\":" + i + "}")));
                        statuses.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (answer.statusCode() == 202) {
                            acceptedBy.put(Api.object(answer.body()).getString("requestId"), node + 1);
                        }
                    } catch (UncheckedIOException e) {
                        // The node is gone: like a load balancer, send the next one to the other node.
                        node = 1 - node;
                        switchedNode.incrementAndGet();
                    }
                    Gateway.pause(20);
                }
            });
        }
        Await.until("both nodes to accept work", Duration.ofSeconds(60),
                () -> count(acceptedBy, 1) >= 60 && count(acceptedBy, 2) >= 60);
        // The node dies with attempts of its own under way (its gauge, read just before the kill).
        Await.until("attempts in flight on the second node", Duration.ofSeconds(30),
                () -> MetricsIT.value(metrics(second), "ferry_forwarding_in_flight", Map.of("proxy", "nodes")) > 0);
        long killedAt = System.nanoTime();
        doomed.kill();
        int acceptedBeforeKill = acceptedBy.size();
        Await.until("the surviving node to accept more", Duration.ofSeconds(60),
                () -> acceptedBy.size() >= acceptedBeforeKill + 60);
        sending.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS));

        List<String> notCompleted = new ArrayList<>();
        int retried = 0;
        for (String id : acceptedBy.keySet()) {
            var done = api.awaitStatus(id, doc -> terminal(doc.getString("status", "")), Duration.ofSeconds(180));
            String status = done.getString("status");
            if (!"completed".equals(status)) {
                notCompleted.add(id + "=" + status);
            }
            if (done.getInt("attempts", 1) > 1) {
                retried++;
            }
        }
        Duration recovered = Duration.ofNanos(System.nanoTime() - killedAt);
        assertEquals(List.of(), notCompleted, "every accepted request completes");
        for (String id : acceptedBy.keySet()) {
            assertTrue(ledger.attemptsOf(id) >= 1, "never reached the origin: " + id);
        }
        assertEquals(List.of(), ledger.concurrentDuplicates(), "one attempt made by two nodes at once");
        for (Integer status : statuses.keySet()) {
            assertEquals(202, status, "every answer given was a 202: " + statuses);
        }
        System.out.printf("[several nodes] accepted %d (node 1: %d, node 2: %d before its kill);"
                        + " lost 0; delivered more than once: %d (at-least-once after a crash), %d with more than one"
                        + " attempt recorded, %d arrivals at the origin;"
                        + " concurrent duplicates of one attempt: 0; clients moved to the other node %d times;"
                        + " all ended %d s after the kill%n",
                acceptedBy.size(), count(acceptedBy, 1), count(acceptedBy, 2),
                ledger.deliveredMoreThanOnce(), retried, ledger.arrivals(), switchedNode.get(), recovered.toSeconds());
    }

    private static boolean terminal(String status) {
        return status.equals("completed") || status.equals("failed") || status.equals("canceled");
    }

    private static long count(Map<String, Integer> acceptedBy, int node) {
        return acceptedBy.values().stream().filter(n -> n == node).count();
    }

    /** The {@code ferry_results_waiting} gauge of a node: its clients waiting in long-polls. */
    private static double waiting(Api node) {
        return MetricsIT.value(metrics(node), "ferry_results_waiting", Map.of());
    }

    private static String metrics(Api node) {
        return node.send(node.request("metrics").GET()).body();
    }

    /**
     * An origin that keeps a ledger of attempts ({@code Ferry-Request-Id} and {@code Ferry-Attempt}):
     * how often each arrived, and whether one arrived while the same attempt was still in flight
     * (two nodes sending it at once). Each answer takes 200 ms, so that a kill finds some in flight.
     */
    static final class AttemptLedger implements AutoCloseable {
        private final HttpServer server;
        private final Map<String, AtomicInteger> inFlightByAttempt = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> arrivalsByRequest = new ConcurrentHashMap<>();
        private final List<String> concurrentDuplicates = new CopyOnWriteArrayList<>();

        AttemptLedger(int port) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 100);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", this::handle);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        int attemptsOf(String requestId) {
            AtomicInteger arrivals = arrivalsByRequest.get(requestId);
            return arrivals == null ? 0 : arrivals.get();
        }

        int arrivals() {
            return arrivalsByRequest.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        long deliveredMoreThanOnce() {
            return arrivalsByRequest.values().stream().filter(n -> n.get() > 1).count();
        }

        List<String> concurrentDuplicates() {
            return List.copyOf(concurrentDuplicates);
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String request = exchange.getRequestHeaders().getFirst("Ferry-Request-Id");
                String attempt = request + "#" + exchange.getRequestHeaders().getFirst("Ferry-Attempt");
                arrivalsByRequest.computeIfAbsent(request, r -> new AtomicInteger()).incrementAndGet();
                AtomicInteger same = inFlightByAttempt.computeIfAbsent(attempt, a -> new AtomicInteger());
                if (same.incrementAndGet() > 1) {
                    concurrentDuplicates.add(attempt);
                }
                try {
                    Gateway.pause(200); // the origin's own latency
                } finally {
                    same.decrementAndGet();
                }
                exchange.sendResponseHeaders(200, -1);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
