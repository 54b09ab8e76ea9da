package ferry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * What one request or client must not take from the others (issue 11): the threads that answer
 * waiting clients, and the connections to a target.
 */
class SharedThreadsIT extends AgainstGateway {

    /**
     * One client has stopped reading a large long-poll answer; another client's long-poll is
     * still answered as soon as its request completes, not at its time-out.
     */
    @Test
    void aClientThatStopsReadingDelaysNoOtherClientsAnswer() throws Exception {
        api.createProxy("""
                {"id":"answers","targetUrl":"%s/ans","clientAuth":{"type":"bearer","tokens":["answers-token"]}}"""
                .formatted(origin.url()));
        byte[] big = new byte[9 * 1024 * 1024];
        origin.script("/ans/big", new StubOrigin.Answer(200, Map.of(), big, Duration.ofSeconds(1)));
        origin.script("/ans/small", new StubOrigin.Answer(200, Map.of(), "{\"small\":true}".getBytes(), Duration.ofSeconds(3)));
        String bigId = submit("answers", "answers-token", "big");
        String smallId = submit("answers", "answers-token", "small");

        // A client that asks for the big answer and then never reads.
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096); // before connecting: a small window, so the answer backs up
            stalled.connect(new java.net.InetSocketAddress("127.0.0.1", Gateway.shared().base().getPort()));
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /requests/" + bigId + "/response?wait=20 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer answers-token\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            api.awaitStatus(bigId, Api.hasStatus("completed"), Duration.ofSeconds(30));

            long t0 = System.nanoTime();
            HttpResponse<String> small = api.send(api.request("requests/" + smallId + "/response?wait=20")
                    .header("Authorization", "Bearer answers-token").GET());
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            assertEquals(200, small.statusCode(), small.body());
            assertEquals("{\"small\":true}", small.body());
            assertTrue(seconds < 12, "answered after " + seconds + " s: woken late, not by its completion");
        }
    }

    /**
     * A hundred attempts at once to one target that takes 1.5 s, with 2.5 s per attempt: each is
     * sent at once, none spends its time waiting for a pooled connection and times out.
     */
    @Test
    void attemptsInFlightNeverWaitForAConnection() throws Exception {
        try (StubOrigin wide = new StubOrigin(128)) {
            api.createProxy("""
                    {"id":"wide","targetUrl":"%s/w","clientAuth":{"type":"bearer","tokens":["wide-token"]},
                     "retry":{"maxRetries":0,"attemptTimeoutMs":2500}}""".formatted(wide.url()));
            assertEquals(200, api.admin("POST", "admin/proxies/wide/pause", null).statusCode());
            for (int i = 0; i < 100; i++) {
                wide.script("/w/r" + i, new StubOrigin.Answer(200, Map.of(), "{}".getBytes(), Duration.ofMillis(1500)));
            }
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                ids.add(clients.submit(() -> submit("wide", "wide-token", "r" + n)));
            }
            List<String> accepted = new ArrayList<>();
            for (Future<String> id : ids) {
                accepted.add(id.get(60, TimeUnit.SECONDS));
            }
            clients.shutdown();
            // Released together: a hundred attempts in flight at once.
            assertEquals(200, api.admin("POST", "admin/proxies/wide/resume", null).statusCode());
            for (String id : accepted) {
                JsonObject done = api.awaitStatus(id, s -> !List.of("queued", "processing").contains(s.getString("status")),
                        Duration.ofSeconds(60));
                assertEquals("completed", done.getString("status"), done.toString());
            }
        }
    }

    private static String submit(String proxy, String token, String path) {
        HttpResponse<String> accepted = api.send(api.request("async/" + proxy + "/" + path)
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(202, accepted.statusCode(), accepted.body());
        return Api.object(accepted.body()).getString("requestId");
    }
}
