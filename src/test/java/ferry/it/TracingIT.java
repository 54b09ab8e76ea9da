package ferry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tracing across the asynchronous hop (README "Observability"): the shared gateway exports over
 * OTLP/HTTP to a receiver in this JVM ({@link OtlpReceiver}). One request with two attempts
 * yields one trace: the intake span, child of the client's {@code traceparent}, and two attempt
 * spans, children of the intake span, each the parent the target was sent.
 */
class TracingIT extends AgainstGateway {

    private static final int SERVER = 2;
    private static final int CLIENT = 3;
    private static final int ERROR = 2;

    @Test
    void oneRequestWithTwoAttemptsIsOneTraceFromIntakeThroughEachAttempt() {
        api.createProxy("""
                {"id":"traced","targetUrl":"%s/t","clientAuth":{"type":"bearer","tokens":["traced-token"]},
                 "retry":{"maxRetries":1,"initialDelayMs":100,"maxDelayMs":1000,"retryOn":[503]}}""".formatted(origin.url()));
        origin.script("/t/twice", StubOrigin.Answer.of(503, "{}"), StubOrigin.Answer.of(200, "{\"ok\":true}"));
        String traceId = OtlpReceiver.newId(16);
        String clientSpan = OtlpReceiver.newId(8);

        HttpResponse<String> accepted = api.send(api.request("async/traced/twice")
                .header("Authorization", "Bearer traced-token")
                .header("traceparent", "00-" + traceId + "-" + clientSpan + "-01")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = Api.object(accepted.body()).getString("requestId");
        api.awaitStatus(id, Api.hasStatus("completed"), Duration.ofSeconds(30));

        List<StubOrigin.Received> sent = origin.receivedAt("/t/twice");
        assertEquals(2, sent.size());
        OtlpReceiver traces = Gateway.traces();
        Await.until("both attempt spans, joined to the client's through the intake span", Duration.ofSeconds(20),
                () -> traces.trace(traceId).stream().filter(s -> s.kind() == CLIENT && clientSpan.equals(traces.rootParent(s)))
                        .count() == 2);
        List<OtlpReceiver.ReceivedSpan> trace = traces.trace(traceId);
        OtlpReceiver.ReceivedSpan intake = trace.stream().filter(s -> s.kind() == SERVER && clientSpan.equals(s.parentSpanId()))
                .findFirst().orElseThrow();
        List<OtlpReceiver.ReceivedSpan> attempts = trace.stream().filter(s -> s.kind() == CLIENT)
                .sorted(Comparator.comparing(s -> (Long) s.attribute("ferry.attempt"))).toList();
        for (int i = 0; i < 2; i++) {
            OtlpReceiver.ReceivedSpan attempt = attempts.get(i);
            assertEquals(intake.spanId(), attempt.parentSpanId(), "attempt " + (i + 1) + " is the intake span's child");
            assertEquals((long) (i + 1), attempt.attribute("ferry.attempt"));
            assertEquals("response", attempt.attribute("ferry.outcome"));
            assertEquals(id, attempt.attribute("ferry.request_id"));
            assertEquals("traced", attempt.attribute("ferry.proxy_id"));
            assertEquals("POST", attempt.attribute("http.request.method"));
            // What the target was sent is this attempt span's own context.
            assertEquals("00-" + traceId + "-" + attempt.spanId() + "-01", sent.get(i).header("traceparent"));
        }
        assertEquals(503L, attempts.get(0).attribute("http.response.status_code"));
        assertEquals(ERROR, attempts.get(0).status());
        assertEquals(200L, attempts.get(1).attribute("http.response.status_code"));
        assertNotEquals(ERROR, attempts.get(1).status());
    }

    @Test
    void aRequestWithoutATraceStartsOne() {
        api.createProxy("""
                {"id":"traced-new","targetUrl":"%s/n","clientAuth":{"type":"bearer","tokens":["traced-token"]}}"""
                .formatted(origin.url()));
        HttpResponse<String> accepted = api.send(api.request("async/traced-new/x")
                .header("Authorization", "Bearer traced-token").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = Api.object(accepted.body()).getString("requestId");
        api.awaitStatus(id, Api.hasStatus("completed"), Duration.ofSeconds(30));

        String traceparent = origin.receivedAt("/n/x").get(0).header("traceparent");
        String traceId = traceparent.split("-")[1];
        OtlpReceiver traces = Gateway.traces();
        Await.until("the attempt's span, under a root intake span", Duration.ofSeconds(20),
                () -> traces.trace(traceId).stream().anyMatch(s -> s.kind() == CLIENT && "".equals(traces.rootParent(s))));
        OtlpReceiver.ReceivedSpan attempt = traces.trace(traceId).stream().filter(s -> s.kind() == CLIENT).findFirst().orElseThrow();
        List<OtlpReceiver.ReceivedSpan> above = traces.ancestors(attempt);
        assertEquals(1, above.size(), "the attempt's parent is the root: " + above);
        OtlpReceiver.ReceivedSpan intake = above.get(0);
        assertEquals(SERVER, intake.kind(), "a new trace: the intake span is its root");
        assertTrue(traceparent.endsWith(attempt.spanId() + "-01"), traceparent);
    }
}
