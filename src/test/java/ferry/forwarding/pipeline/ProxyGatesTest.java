package ferry.forwarding.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.forwarding.limits.Outcome;
import ferry.forwarding.target.AttemptResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyGatesTest {

    private static final Instant STARTED = Instant.parse("2025-01-01T00:00:00Z");

    private static AttemptResult answered(int status, String retryAfter) {
        Map<String, List<String>> headers = retryAfter == null ? Map.of() : Map.of("retry-after", List.of(retryAfter));
        return new AttemptResult(AttemptResult.RESPONSE, status, headers, new byte[0], null, STARTED, 12);
    }

    private static AttemptResult failed(String outcome) {
        return new AttemptResult(outcome, 0, Map.of("retry-after", List.of("3")), null, "no answer", STARTED, 12);
    }

    @Nested
    class Outcomes {

        @ParameterizedTest
        @ValueSource(ints = {200, 204, 302, 404, 500, 502})
        void anyAnswerButAnOverloadIsASuccess(int status) {
            // a 500 is the target's answer, not a sign that it is overloaded
            assertEquals(Outcome.SUCCESS, ProxyGates.outcome(answered(status, null)));
        }

        @ParameterizedTest
        @ValueSource(ints = {429, 503})
        void tooManyRequestsAndUnavailableAreOverload(int status) {
            assertEquals(Outcome.OVERLOAD, ProxyGates.outcome(answered(status, null)));
        }

        @Test
        void noAnswerInTimeIsATimeout() {
            assertEquals(Outcome.TIMEOUT, ProxyGates.outcome(failed(AttemptResult.TIMEOUT)));
        }

        @ParameterizedTest
        @ValueSource(strings = {AttemptResult.CONNECT_ERROR, AttemptResult.TLS_ERROR, AttemptResult.DNS_ERROR,
                AttemptResult.EGRESS_REFUSED})
        void anyOtherFailureIsARefusal(String outcome) {
            assertEquals(Outcome.REFUSED, ProxyGates.outcome(failed(outcome)));
        }

        @Test
        void noResultIsARefusal() {
            assertEquals(Outcome.REFUSED, ProxyGates.outcome(null));
        }
    }

    @Nested
    class RetryAfterNanos {

        @ParameterizedTest
        @ValueSource(ints = {429, 503})
        void secondsOnAnOverloadAnswer(int status) {
            assertEquals(TimeUnit.SECONDS.toNanos(3), ProxyGates.retryAfterNanos(answered(status, "3")));
        }

        @ParameterizedTest
        @ValueSource(ints = {200, 404, 500})
        void ignoredOnAnyOtherAnswer(int status) {
            assertEquals(0, ProxyGates.retryAfterNanos(answered(status, "3")));
        }

        @Test
        void ignoredWithoutAnAnswer() {
            assertEquals(0, ProxyGates.retryAfterNanos(failed(AttemptResult.TIMEOUT)));
            assertEquals(0, ProxyGates.retryAfterNanos(null));
        }

        @Test
        void absentOrUnreadableIsNone() {
            assertEquals(0, ProxyGates.retryAfterNanos(answered(503, null)));
            assertEquals(0, ProxyGates.retryAfterNanos(answered(503, "soon")));
            assertEquals(0, ProxyGates.retryAfterNanos(answered(503, "-5")));
            assertEquals(0, ProxyGates.retryAfterNanos(answered(503, "")));
        }

        @Test
        void anHttpDateInThePastIsNone() {
            assertEquals(0, ProxyGates.retryAfterNanos(answered(503, "Sun, 06 Nov 1994 08:49:37 GMT")));
        }

        @Test
        void anHttpDateAheadIsTheTimeUntilThen() {
            long nanos = ProxyGates.retryAfterNanos(answered(429, "Fri, 31 Dec 9999 23:59:59 GMT"));
            assertEquals(Long.MAX_VALUE, nanos); // thousands of years: saturated, not overflowed
        }

        @Test
        void aHugeNumberOfSecondsDoesNotOverflow() {
            long nanos = ProxyGates.retryAfterNanos(answered(503, "999999999"));
            assertTrue(nanos > 0, nanos + " ns");
            assertEquals(TimeUnit.SECONDS.toNanos(999_999_999L), nanos);
        }
    }
}
