package ferry.forwarding.attempts;

import ferry.forwarding.retry.RetryPolicy;
import ferry.forwarding.target.OutboundRequest;

import static ferry.forwarding.attempts.Fixtures.NODE;
import static ferry.forwarding.attempts.Fixtures.PROXY_ID;
import static ferry.forwarding.attempts.Fixtures.REQUEST_ID;
import static ferry.forwarding.attempts.Fixtures.T0;
import static ferry.forwarding.attempts.Fixtures.proxy;
import static ferry.forwarding.attempts.Fixtures.request;
import static ferry.forwarding.attempts.Fixtures.settings;
import static ferry.forwarding.attempts.Fixtures.t;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.proxies.control.TargetAuth;
import ferry.proxies.entity.EntryPoint;
import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import java.net.URI;
import java.time.Instant;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttemptStartTest {

    private static final Duration MARGIN = Duration.ofSeconds(60);
    private static final TargetAuth NONE = new TargetAuth("none", null, null, null, null, null);
    private static final String CLIENT_TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private static OutboundRequest outbound(Map<String, List<String>> stored, TargetAuth auth, int attempt) {
        return AttemptStart.outbound(request(), "https://target.example/api/", stored, auth, attempt,
                Fixtures.policy(3).attemptTimeoutMs());
    }

    @Test
    void startLeasesTheRowForTheAttemptTimeoutPlusTheMargin() {
        ForwardRequest r = request();
        AttemptStart.start(r, proxy(), settings(5, 10_000, 3600), MARGIN, NODE, Map.of(), NONE, t(3));

        assertEquals(RequestState.PROCESSING, r.getState());
        assertTrue(r.isLeasedBy(NODE));
        assertEquals(t(3).plusSeconds(10).plus(MARGIN), r.getLeaseUntil());
        assertEquals(1, r.getAttempts());
        assertNull(r.getNextAttemptAt());
        assertEquals(t(3), r.getUpdatedAt());
    }

    @Test
    void theTicketCarriesTheAttemptAndWhatTheRecorderNeeds() {
        ForwardRequest r = request();
        r.setMaxRetries(2);
        r.setDeadline(t(180));
        Ticket ticket = AttemptStart.start(r, proxy(), settings(5, 10_000, 3600), MARGIN, NODE, Map.of(), NONE, t(3));

        assertEquals(REQUEST_ID, ticket.requestId());
        assertEquals(PROXY_ID, ticket.proxyId());
        assertEquals(NODE, ticket.owner());
        assertEquals(1, ticket.attemptNumber());
        assertEquals(T0, ticket.notBefore());
        assertEquals(t(180), ticket.deadline());
        assertEquals(3600, ticket.retentionSeconds());
        assertEquals(2, ticket.policy().maxRetries(), "the request's lower Ferry-Retries wins");
        assertEquals(10_000, ticket.outbound().timeoutMs());
        assertEquals(List.of("1"), ticket.outbound().headers().get("ferry-attempt"));
    }

    @Test
    void aRetryIsTheNextAttemptNumber() {
        ForwardRequest r = request();
        AttemptStart.start(r, proxy(), settings(5, 10_000, 3600), MARGIN, NODE, Map.of(), NONE, t(1));
        r.moveTo(RequestState.RETRYING, t(2));
        Ticket second = AttemptStart.start(r, proxy(), settings(5, 10_000, 3600), MARGIN, "node-b", Map.of(), NONE,
                t(4));
        assertEquals(2, second.attemptNumber());
        assertEquals(List.of("2"), second.outbound().headers().get("ferry-attempt"));
        assertTrue(r.isLeasedBy("node-b"));
    }

    @Test
    void theRequestGoesToTheTargetUrlWithItsMethodPathQueryAndBody() {
        OutboundRequest out = outbound(Map.of(), NONE, 1);
        assertEquals("POST", out.method());
        assertEquals(URI.create("https://target.example/api/v1/orders?a=1"), out.url());
        assertEquals(REQUEST_ID, out.requestId(), "the body is streamed from where the request's is stored");
        assertEquals(3L, out.bodyLength());
        assertEquals(30_000, out.timeoutMs());
    }

    @Test
    void theClientsHeadersAreKeptAndFerrysAreAdded() {
        Map<String, List<String>> stored = Map.of("content-type", List.of("application/json"),
                "x-tag", List.of("a", "b"));
        OutboundRequest out = outbound(stored, NONE, 3);
        Map<String, List<String>> headers = out.headers();
        assertEquals(List.of("application/json"), headers.get("content-type"));
        assertEquals(List.of("a", "b"), headers.get("x-tag"));
        assertEquals(List.of("key-1"), headers.get("idempotency-key"));
        assertEquals(List.of(REQUEST_ID), headers.get("ferry-request-id"));
        assertEquals(List.of("3"), headers.get("ferry-attempt"));
        assertEquals(6, headers.size(), headers.toString());
    }

    @Test
    void ferrysHeadersReplaceSameNamedClientHeaders() {
        Map<String, List<String>> stored = Map.of("idempotency-key", List.of("client-made"),
                "ferry-attempt", List.of("99"));
        Map<String, List<String>> headers = outbound(stored, NONE, 1).headers();
        assertEquals(List.of("key-1"), headers.get("idempotency-key"));
        assertEquals(List.of("1"), headers.get("ferry-attempt"));
    }

    @Test
    void theTraceContinuesTheClientsTraceWithANewParent() {
        String sent = outbound(Map.of("traceparent", List.of(CLIENT_TRACE)), NONE, 1).headers().get("traceparent")
                .get(0);
        assertTrue(sent.startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-"), sent);
        assertTrue(sent.endsWith("-01"), sent);
        assertNotEquals(CLIENT_TRACE, sent);
    }

    @Test
    void withoutAClientTraceANewOneStarts() {
        String sent = outbound(Map.of(), NONE, 1).headers().get("traceparent").get(0);
        assertTrue(sent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), sent);
        assertNotEquals(sent, outbound(Map.of(), NONE, 1).headers().get("traceparent").get(0));
    }

    @Test
    void aHeaderCredentialReplacesTheClientsHeader() {
        Map<String, List<String>> stored = Map.of("authorization", List.of("Bearer client-token"));
        OutboundRequest out = outbound(stored, new TargetAuth("bearer", "target-token", null, null, null, null), 1);
        assertEquals(List.of("Bearer target-token"), out.headers().get("authorization"));
    }

    @Test
    void aQueryCredentialGoesIntoTheUrl() {
        OutboundRequest out = outbound(Map.of(), new TargetAuth("query", null, "api key", "s&cret", null, null), 1);
        assertEquals(URI.create("https://target.example/api/v1/orders?a=1&api+key=s%26cret"), out.url());
    }

    @Test
    void theStoredHeadersAreNotChanged() {
        Map<String, List<String>> stored = new HashMap<>(Map.of("x-tag", List.of("a")));
        outbound(stored, new TargetAuth("header", null, "X-Api-Key", "k", null, null), 1);
        assertEquals(Map.of("x-tag", List.of("a")), stored);
    }

    @Test
    void aStoredPathThatWouldLeaveTheTargetIsRefused() {
        ForwardRequest r = new ForwardRequest(REQUEST_ID, PROXY_ID, EntryPoint.ASYNC, "GET",
                "v1/../../admin", null, "{}", null, "key-1", T0, T0);
        assertThrows(IllegalArgumentException.class, () -> AttemptStart.outbound(r,
                "https://target.example/api", Map.of(), NONE, 1, Fixtures.policy().attemptTimeoutMs()));
    }

    @Test
    void aSyncRequestsAttemptEndsAtItsDeadlineNotAnAttemptTimeOutLater() {
        RetryPolicy policy = Fixtures.policy(3);
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        assertEquals(policy.attemptTimeoutMs(), AttemptStart.timeoutMs(policy, null, now));
        assertEquals(1_500, AttemptStart.timeoutMs(policy, now.plusMillis(1_500), now));
        assertEquals(policy.attemptTimeoutMs(), AttemptStart.timeoutMs(policy, now.plusSeconds(3_600), now));
        assertEquals(1, AttemptStart.timeoutMs(policy, now.minusSeconds(1), now), "never zero: the client treats 0 as none");
    }
}
