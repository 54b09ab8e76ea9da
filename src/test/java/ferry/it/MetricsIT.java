package ferry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} (CONTRACT.md §1, README "Observability"): public Prometheus text served by
 * Ferry itself (Payara's own endpoint is off), with exact counts after a known workload, bounded
 * labels (no request id, no path), a backlog read from the database, and a deleted proxy's series
 * gone. Counters shared by every test class (refusals) are checked as differences.
 */
class MetricsIT extends AgainstGateway {

    private static final String TOKEN = "Bearer metrics-token";

    @Test
    void countsAKnownWorkloadExactly() throws Exception {
        api.createProxy("""
                {"id":"metrics","targetUrl":"%s/m","clientAuth":{"type":"bearer","tokens":["metrics-token"]},
                 "retry":{"maxRetries":1,"initialDelayMs":100,"maxDelayMs":1000,"retryOn":[500]}}""".formatted(origin.url()));
        double refusedBefore = value(scrape(), "ferry_intake_refused_total", Map.of("channel", "http", "code", "auth-missing"));

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(submit("ok-" + i));
        }
        for (String id : ids) {
            api.awaitStatus(id, Api.hasStatus("completed"), Duration.ofSeconds(30));
        }
        List<String> broken = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            origin.script("/m/broken-" + i, StubOrigin.Answer.of(500, "{}"), StubOrigin.Answer.of(500, "{}"));
            broken.add(submit("broken-" + i));
        }
        for (String id : broken) {
            api.awaitStatus(id, Api.hasStatus("failed"), Duration.ofSeconds(30));
        }
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> refused = api.send(api.request("async/metrics/no-credentials")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertEquals(401, refused.statusCode());
        }
        HttpResponse<String> fetched = api.send(api.request("requests/" + ids.get(0) + "/response?wait=1")
                .header("Authorization", TOKEN).GET());
        assertEquals(200, fetched.statusCode());

        HttpResponse<String> scrape = api.send(api.request("metrics").GET()); // no credentials: public
        assertEquals(200, scrape.statusCode(), scrape.body());
        assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                scrape.headers().toString());
        String text = scrape.body();
        Map<String, String> proxy = Map.of("proxy", "metrics");
        assertEquals(13, value(text, "ferry_intake_accepted_total", Map.of("proxy", "metrics", "channel", "http", "entry", "async")));
        assertEquals(10, value(text, "ferry_requests_finished_total", Map.of("proxy", "metrics", "state", "completed", "reason", "none")));
        assertEquals(3, value(text, "ferry_requests_finished_total", Map.of("proxy", "metrics", "state", "failed", "reason", "retries-exhausted")));
        assertEquals(10, value(text, "ferry_forwarding_attempts_total", Map.of("proxy", "metrics", "outcome", "response", "status_class", "2xx")));
        assertEquals(6, value(text, "ferry_forwarding_attempts_total", Map.of("proxy", "metrics", "outcome", "response", "status_class", "5xx")));
        assertEquals(3, value(text, "ferry_forwarding_retries_scheduled_total", proxy));
        assertEquals(2, value(text, "ferry_intake_refused_total", Map.of("channel", "http", "code", "auth-missing")) - refusedBefore);
        assertEquals(1, value(text, "ferry_results_fetches_total", Map.of("proxy", "metrics", "wait", "long-poll")));
        assertEquals(0, value(text, "ferry_results_waiting", Map.of()));

        // The attempt duration histogram: OpenTelemetry's name, attribute names and boundaries.
        Map<String, String> ok = Map.of("proxy", "metrics", "http_request_method", "POST", "http_response_status_code", "200",
                "error_type", "none");
        assertEquals(10, value(text, "http_client_request_duration_seconds_count", ok));
        for (String le : List.of("0.005", "0.075", "0.75", "7.5", "10.0", "+Inf")) {
            Map<String, String> bucket = new java.util.HashMap<>(ok);
            bucket.put("le", le);
            double inBucket = value(text, "http_client_request_duration_seconds_bucket", bucket);
            assertTrue(inBucket >= 0 && inBucket <= 10, le + ": " + inBucket);
        }
        Map<String, String> all = new java.util.HashMap<>(ok);
        all.put("le", "+Inf");
        assertEquals(10, value(text, "http_client_request_duration_seconds_bucket", all));
        assertEquals(6, value(text, "http_client_request_duration_seconds_count", Map.of("proxy", "metrics",
                "http_request_method", "POST", "http_response_status_code", "500", "error_type", "500")));

        // Adaptive forwarding per proxy, and the JVM's own meters.
        assertEquals(1, value(text, "ferry_forwarding_circuit_state", Map.of("proxy", "metrics", "state", "closed")));
        assertTrue(value(text, "ferry_forwarding_limit", proxy) >= 1);
        assertTrue(text.contains("\njvm_memory_used_bytes{"), "JVM meters are bound");
        assertTrue(value(text, "ferry_intake_group_size_count", Map.of()) >= 1);

        // Bounded labels: nothing of a request's own shows.
        for (String id : ids) {
            assertFalse(text.contains(id), "a request id in the metrics");
        }
        assertFalse(text.contains("ok-1") || text.contains("broken-0") || text.contains("metrics-token"), "a path or a token in the metrics");

        // One line per ended request at INFO, with its id, proxy, state, attempts and reason.
        String log = Files.readString(Gateway.shared().logFile());
        assertTrue(log.contains("Request ended: id=" + broken.get(0) + " proxy=metrics state=failed attempts=2 reason=retries-exhausted"),
                "the ending line of a failed request");
        assertTrue(log.contains("Request ended: id=" + ids.get(0) + " proxy=metrics state=completed attempts=1 reason=none"),
                "the ending line of a completed request");
    }

    @Test
    void showsTheBacklogAndForgetsADeletedProxy() {
        api.createProxy("""
                {"id":"metrics-gone","targetUrl":"%s/g","clientAuth":{"type":"bearer","tokens":["metrics-token"]}}"""
                .formatted(origin.url()));
        assertEquals(200, api.admin("POST", "admin/proxies/metrics-gone/pause", null).statusCode());
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> accepted = api.send(api.request("async/metrics-gone/held")
                    .header("Authorization", TOKEN).POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertEquals(202, accepted.statusCode(), accepted.body());
        }
        Map<String, String> queued = Map.of("proxy", "metrics-gone", "state", "queued");
        assertEquals(3, value(scrape(), "ferry_requests_backlog", queued));

        assertEquals(204, api.admin("DELETE", "admin/proxies/metrics-gone?force=true", null).statusCode());
        Await.until("the deleted proxy's series to go", Duration.ofSeconds(10),
                () -> !scrape().contains("proxy=\"metrics-gone\""));
    }

    private String submit(String path) {
        HttpResponse<String> accepted = api.send(api.request("async/metrics/" + path)
                .header("Authorization", TOKEN).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(202, accepted.statusCode(), accepted.body());
        return Api.object(accepted.body()).getString("requestId");
    }

    private static String scrape() {
        HttpResponse<String> answer = api.send(api.request("metrics").GET());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)})? (\\S+)$", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The sample of this name whose labels are exactly these; 0 if there is none (a counter not yet made). */
    static double value(String text, String name, Map<String, String> labels) {
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            if (!m.group(1).equals(name)) {
                continue;
            }
            Map<String, String> found = new java.util.HashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    found.put(l.group(1), l.group(2));
                }
            }
            if (found.equals(labels)) {
                return Double.parseDouble(m.group(3));
            }
        }
        return 0;
    }
}
