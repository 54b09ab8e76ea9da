package ferry.forwarding.retry;


import ferry.forwarding.target.AttemptResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.proxies.control.ProxySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPlannerTest {

    private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");
    /** Jitter off: every delay is the full cap. */
    private static final DoubleSupplier NO_JITTER = () -> 1.0;

    /** The contract's defaults: 10 retries, 900 s window, 1 s doubling to at most 300 s. */
    private static RetryPolicy policy() {
        return policy(10, Duration.ofSeconds(900), 1000, 300_000, Set.copyOf(ProxySettings.DEFAULT_RETRY_ON));
    }

    private static RetryPolicy policy(int maxRetries, Duration window, long initialDelayMs, long maxDelayMs,
                                      Set<Integer> retryOn) {
        return new RetryPolicy(maxRetries, window, initialDelayMs, maxDelayMs, 30_000, retryOn);
    }

    private static AttemptResult status(int status) {
        return status(status, null);
    }

    private static AttemptResult status(int status, String retryAfter) {
        Map<String, List<String>> headers = retryAfter == null ? Map.of() : Map.of("retry-after", List.of(retryAfter));
        return new AttemptResult(AttemptResult.RESPONSE, status, headers, new byte[0], null, NOW, 12);
    }

    private static AttemptResult outcome(String outcome) {
        return new AttemptResult(outcome, 0, null, null, "boom", NOW, 12);
    }

    private static Decision decide(RetryPlanner planner, RetryPolicy policy, int attemptsMade, AttemptResult result) {
        return planner.decide(policy, attemptsMade, result, NOW, null, NOW);
    }

    private static void assertFail(String errorType, Decision decision) {
        assertEquals(Decision.Kind.FAIL, decision.kind(), decision.toString());
        assertEquals(errorType, decision.errorType());
        assertNull(decision.delay());
    }

    private static void assertRetry(Decision decision) {
        assertEquals(Decision.Kind.RETRY, decision.kind(), decision.toString());
        assertNull(decision.errorType());
        assertTrue(!decision.delay().isNegative(), decision.toString());
    }

    @Nested
    class WhatFollowsAnAttempt {

        private final RetryPlanner planner = new RetryPlanner(NO_JITTER);

        @ParameterizedTest
        @ValueSource(ints = {200, 201, 202, 204, 299, 300, 301, 302, 304, 307, 308, 399})
        void twoAndThreeHundredsComplete(int status) {
            Decision d = decide(planner, policy(), 1, status(status));
            assertEquals(Decision.Kind.COMPLETE, d.kind());
            assertNull(d.errorType());
            assertNull(d.delay());
        }

        @Test
        void successCompletesEvenWhenRetriesAreExhaustedOrTheWindowIsOver() {
            Decision d = planner.decide(policy(0, Duration.ofSeconds(1), 1000, 1000, Set.of()), 5, status(200),
                    NOW.minusSeconds(3600), null, NOW);
            assertEquals(Decision.Kind.COMPLETE, d.kind());
        }

        @ParameterizedTest
        @ValueSource(ints = {100, 400, 401, 403, 404, 409, 410, 422, 501, 505})
        void statusesOutsideRetryOnAreFinal(int status) {
            Decision d = decide(planner, policy(), 1, status(status));
            assertFail("non-retryable-status", d);
            assertTrue(d.message().contains(String.valueOf(status)), d.message());
        }

        @ParameterizedTest
        @ValueSource(ints = {408, 429, 500, 502, 503, 504, 507, 509, 520, 521, 522, 523, 524, 525, 526, 530, 598, 599})
        void statusesInTheDefaultRetryOnAreRetried(int status) {
            Decision d = decide(planner, policy(), 1, status(status));
            assertRetry(d);
            assertEquals(Duration.ofMillis(1000), d.delay());
            assertTrue(d.message().contains(String.valueOf(status)), d.message());
        }

        @ParameterizedTest
        @ValueSource(strings = {AttemptResult.TIMEOUT, AttemptResult.CONNECT_ERROR, AttemptResult.TLS_ERROR,
                AttemptResult.DNS_ERROR})
        void failuresWithoutAnAnswerAreRetried(String outcome) {
            Decision d = decide(planner, policy(), 1, outcome(outcome));
            assertRetry(d);
            assertEquals(Duration.ofMillis(1000), d.delay());
            assertTrue(d.message().contains(outcome), d.message());
        }

        @Test
        void failuresWithoutAnAnswerAreRetriedWhateverRetryOnSays() {
            assertRetry(decide(planner, policy(3, Duration.ofHours(1), 1000, 60_000, Set.of()), 1,
                    outcome(AttemptResult.TIMEOUT)));
        }

        @Test
        void egressRefusedIsFinal() {
            Decision d = decide(planner, policy(), 1, outcome(AttemptResult.EGRESS_REFUSED));
            assertFail("egress-refused", d);
            assertTrue(d.message().contains("boom"), d.message());
        }

        @Test
        void anUnknownOutcomeIsFinal() {
            assertFail("non-retryable-status", decide(planner, policy(), 1, outcome("something-else")));
        }

        @Test
        void aCustomRetryOnReplacesTheDefaults() {
            RetryPolicy custom = policy(3, Duration.ofHours(1), 1000, 60_000, Set.of(409, 418));
            assertRetry(decide(planner, custom, 1, status(418)));
            assertRetry(decide(planner, custom, 1, status(409)));
            assertFail("non-retryable-status", decide(planner, custom, 1, status(503)));
            assertFail("non-retryable-status", decide(planner, custom, 1, status(500)));
        }

        @Test
        void anEmptyRetryOnRetriesNoStatus() {
            RetryPolicy none = policy(3, Duration.ofHours(1), 1000, 60_000, Set.of());
            assertFail("non-retryable-status", decide(planner, none, 1, status(503)));
        }
    }

    @Nested
    class MaxRetries {

        private final RetryPlanner planner = new RetryPlanner(NO_JITTER);

        @Test
        void atMostMaxRetriesRetries() {
            RetryPolicy three = policy(3, Duration.ofDays(1), 1000, 300_000, Set.of(503));
            assertRetry(decide(planner, three, 1, status(503)));
            assertRetry(decide(planner, three, 2, status(503)));
            assertRetry(decide(planner, three, 3, status(503)));
            Decision d = decide(planner, three, 4, status(503));
            assertFail("retries-exhausted", d);
            assertTrue(d.message().contains("4 attempts"), d.message());
        }

        @Test
        void zeroMaxRetriesFailsTheFirstAttempt() {
            RetryPolicy zero = policy(0, Duration.ofDays(1), 1000, 300_000, Set.of(503));
            assertFail("retries-exhausted", decide(planner, zero, 1, status(503)));
            assertFail("retries-exhausted", decide(planner, zero, 1, outcome(AttemptResult.TIMEOUT)));
        }

        @Test
        void aNonRetryableAnswerIsReportedAsSuchEvenWhenRetriesAreUsedUp() {
            RetryPolicy zero = policy(0, Duration.ofDays(1), 1000, 300_000, Set.of(503));
            assertFail("non-retryable-status", decide(planner, zero, 1, status(404)));
        }

        @Test
        void aLongSeriesRetriesExactlyMaxRetriesTimes() {
            RetryPolicy ten = policy(10, Duration.ofDays(30), 1000, 300_000, Set.of(503));
            int attempts = 1;
            while (decide(planner, ten, attempts, status(503)).kind() == Decision.Kind.RETRY) {
                attempts++;
            }
            assertEquals(11, attempts);
        }
    }

    @Nested
    class Backoff {

        @Test
        void withoutJitterTheDelayDoublesFromTheInitialDelayUpToTheCap() {
            RetryPlanner planner = new RetryPlanner(NO_JITTER);
            RetryPolicy p = policy(20, Duration.ofDays(30), 1000, 60_000, Set.of(503));
            long[] expected = {1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000};
            for (int n = 1; n <= expected.length; n++) {
                assertEquals(Duration.ofMillis(expected[n - 1]), planner.backoff(p, n), "retry " + n);
                assertEquals(Duration.ofMillis(expected[n - 1]), decide(planner, p, n, status(503)).delay(),
                        "decision after attempt " + n);
            }
        }

        @Test
        void theDelayStaysCappedForVeryLateRetries() {
            RetryPolicy p = policy(1000, Duration.ofDays(30), 1000, 300_000, Set.of(503));
            RetryPlanner planner = new RetryPlanner(NO_JITTER);
            assertEquals(Duration.ofMillis(300_000), planner.backoff(p, 64));
            assertEquals(Duration.ofMillis(300_000), planner.backoff(p, 1000));
        }

        @Test
        void fullJitterStaysWithinZeroAndTheCap() {
            Random random = new Random(20240101L);
            RetryPlanner planner = new RetryPlanner(random::nextDouble);
            RetryPolicy p = policy(20, Duration.ofDays(30), 500, 20_000, Set.of(503));
            for (int n = 1; n <= 12; n++) {
                long cap = Math.min(20_000, 500L << (n - 1));
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                for (int i = 0; i < 2000; i++) {
                    long delay = planner.backoff(p, n).toMillis();
                    assertTrue(delay >= 0 && delay <= cap, "retry " + n + ": " + delay + " not in [0, " + cap + "]");
                    min = Math.min(min, delay);
                    max = Math.max(max, delay);
                }
                // jitter really spreads over the whole range, not just near one end
                assertTrue(min < cap / 10, "retry " + n + " smallest delay " + min);
                assertTrue(max > cap * 9 / 10, "retry " + n + " largest delay " + max);
            }
        }

        @Test
        void decisionsUseTheJitteredDelay() {
            RetryPlanner planner = new RetryPlanner(() -> 0.25);
            RetryPolicy p = policy(10, Duration.ofDays(1), 1000, 300_000, Set.of(503));
            assertEquals(Duration.ofMillis(250), decide(planner, p, 1, status(503)).delay());
            assertEquals(Duration.ofMillis(1000), decide(planner, p, 3, status(503)).delay());
        }

        @Test
        void aZeroDrawMeansRetryAtOnce() {
            RetryPlanner planner = new RetryPlanner(() -> 0.0);
            assertEquals(Duration.ZERO, decide(planner, policy(), 4, status(503)).delay());
        }
    }

    @Nested
    class RetryAfterHeader {

        @Test
        void secondsRaiseTheDelay() {
            RetryPlanner planner = new RetryPlanner(NO_JITTER);
            assertEquals(Duration.ofSeconds(120), decide(planner, policy(), 1, status(503, "120")).delay());
        }

        @Test
        void secondsRaiseTheDelayEvenBeyondMaxDelay() {
            RetryPlanner planner = new RetryPlanner(NO_JITTER);
            RetryPolicy p = policy(10, Duration.ofHours(1), 1000, 5000, Set.of(429));
            Decision d = decide(planner, p, 1, status(429, "600"));
            assertRetry(d);
            assertEquals(Duration.ofSeconds(600), d.delay());
        }

        @Test
        void aShorterRetryAfterDoesNotLowerTheBackoff() {
            RetryPlanner planner = new RetryPlanner(NO_JITTER);
            assertEquals(Duration.ofMillis(4000), decide(planner, policy(), 3, status(503, "1")).delay());
        }

        @Test
        void anHttpDateRaisesTheDelay() {
            RetryPlanner planner = new RetryPlanner(NO_JITTER);
            Decision d = decide(planner, policy(), 1, status(503, "Mon, 01 Jan 2024 00:02:00 GMT"));
            assertEquals(Duration.ofSeconds(120), d.delay());
        }

        @ParameterizedTest
        @ValueSource(strings = {"soon", "1.5", "-5", "Mon, 32 Jan 2024 00:02:00 GMT", "2024-01-01T00:02:00Z", "9999999999", ""})
        void anUnreadableRetryAfterIsIgnored(String header) {
            RetryPlanner planner = new RetryPlanner(NO_JITTER);
            Decision d = decide(planner, policy(), 2, status(503, header));
            assertRetry(d);
            assertEquals(Duration.ofMillis(2000), d.delay());
        }
    }

    @Nested
    class Window {

        private final RetryPlanner planner = new RetryPlanner(NO_JITTER);
        private final RetryPolicy policy = policy(10, Duration.ofSeconds(900), 1000, 300_000, Set.of(503));

        @Test
        void aRetryThatStartsInsideTheWindowIsScheduled() {
            Instant notBefore = NOW.minusSeconds(890);
            Decision d = planner.decide(policy, 1, status(503), notBefore, null, NOW);
            assertRetry(d);
            assertEquals(Duration.ofSeconds(1), d.delay());
        }

        @Test
        void aRetryStartingExactlyAtTheWindowsEndIsScheduled() {
            Instant notBefore = NOW.minusSeconds(899);
            assertRetry(planner.decide(policy, 1, status(503), notBefore, null, NOW));
        }

        @Test
        void aRetryThatWouldStartAfterTheWindowFailsNow() {
            Instant notBefore = NOW.minusMillis(899_001);
            Decision d = planner.decide(policy, 1, status(503), notBefore, null, NOW);
            assertFail("retry-window-exhausted", d);
        }

        @Test
        void theBackoffAloneCanExhaustTheWindow() {
            Instant notBefore = NOW.minusSeconds(800);
            // retry 7 waits 64 s: still inside; retry 8 waits 128 s: past the end
            assertRetry(planner.decide(policy, 7, status(503), notBefore, null, NOW));
            assertFail("retry-window-exhausted", planner.decide(policy, 8, status(503), notBefore, null, NOW));
        }

        @Test
        void retryAfterCountsAgainstTheWindow() {
            Instant notBefore = NOW.minusSeconds(800);
            assertRetry(planner.decide(policy, 1, status(503, "100"), notBefore, null, NOW));
            assertFail("retry-window-exhausted", planner.decide(policy, 1, status(503, "101"), notBefore, null, NOW));
        }

        @Test
        void anHttpDateRetryAfterPastTheWindowFailsNow() {
            Decision d = planner.decide(policy, 1, status(503, "Mon, 01 Jan 2024 00:20:00 GMT"), NOW, null, NOW);
            assertFail("retry-window-exhausted", d);
        }

        @Test
        void theWindowRunsFromNotBeforeNotFromNow() {
            // A delayed request whose not-before is in the future still has its whole window ahead.
            Instant notBefore = NOW.plusSeconds(3600);
            Decision d = planner.decide(policy, 1, status(503, "4000"), notBefore, null, NOW);
            assertRetry(d);
            assertEquals(Duration.ofSeconds(4000), d.delay());
        }
    }
}
