package ferry.forwarding.limits;

import static ferry.forwarding.limits.CircuitBreaker.State.CLOSED;
import static ferry.forwarding.limits.CircuitBreaker.State.HALF_OPEN;
import static ferry.forwarding.limits.CircuitBreaker.State.OPEN;
import static ferry.forwarding.limits.Simulation.MS;
import static ferry.forwarding.limits.Simulation.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.forwarding.limits.CircuitBreaker.State;
import ferry.forwarding.limits.ProxyGate.Admission;
import ferry.forwarding.limits.ProxyGate.Hold;
import ferry.forwarding.limits.ProxyGate.Permit;
import ferry.forwarding.limits.ProxyGate.Settings;
import ferry.forwarding.limits.ProxyGate.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProxyGateTest {

    private static final long T0 = 4_000 * SECOND;
    private static final long CAP = 60 * SECOND;
    /** Small enough to open with four attempts. */
    private static final CircuitBreaker.Settings CIRCUIT = new CircuitBreaker.Settings(4, 4, 0.5,
            Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(60));

    private record Move(State from, State to, long at) { }

    private final List<Move> moves = new ArrayList<>();

    private ProxyGate gate(Settings settings, long now) {
        return new ProxyGate(settings, CIRCUIT, (from, to, at) -> moves.add(new Move(from, to, at)), now);
    }

    private ProxyGate gate(Settings settings) {
        return gate(settings, T0);
    }

    private static Settings fixed(int max) {
        return new Settings(max, false, null, CAP);
    }

    private static Settings rated(int max, double perSecond) {
        return new Settings(max, false, perSecond, CAP);
    }

    private static Permit permit(ProxyGate gate, long now) {
        Admission a = gate.tryAdmit(now);
        assertTrue(a.permitted(), () -> "held by " + a.heldBy() + " for " + a.waitNanos());
        assertNull(a.heldBy());
        return a.permit();
    }

    private static List<Permit> permits(ProxyGate gate, int n, long now) {
        List<Permit> taken = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            taken.add(permit(gate, now));
        }
        return taken;
    }

    private static Admission held(ProxyGate gate, Hold reason, long now) {
        Admission a = gate.tryAdmit(now);
        assertFalse(a.permitted());
        assertNull(a.permit());
        assertEquals(reason, a.heldBy());
        assertTrue(a.waitNanos() >= ProxyGate.MIN_HOLD_NANOS, a.waitNanos() + " ns");
        return a;
    }

    /** Opens the circuit with four refusals from {@code from}, 1 ms apart; returns when it opened. */
    private static long open(ProxyGate gate, long from) {
        long now = from;
        for (int i = 0; i < 4; i++) {
            now = from + i * MS;
            permit(gate, now).release(Outcome.REFUSED, MS, 0, now);
        }
        assertEquals(OPEN, gate.snapshot(now).circuit());
        return now;
    }

    @Nested
    class Concurrency {

        @Test
        void aFixedLimitIsTheMaximum() {
            ProxyGate gate = gate(fixed(3));
            permits(gate, 3, T0);
            held(gate, Hold.CONCURRENCY, T0);
            Snapshot s = gate.snapshot(T0);
            assertEquals(3, s.limit());
            assertEquals(3, s.inFlight());
        }

        @Test
        void anAdaptiveLimitStartsAtItsInitialValue() {
            ProxyGate gate = gate(new Settings(50, true, null, CAP));
            permits(gate, AdaptiveLimit.INITIAL, T0);
            held(gate, Hold.CONCURRENCY, T0);
            assertEquals(AdaptiveLimit.INITIAL, gate.snapshot(T0).limit());
        }

        @Test
        void anAdaptiveLimitStartsNoHigherThanItsMaximum() {
            ProxyGate gate = gate(new Settings(4, true, null, CAP));
            permits(gate, 4, T0);
            held(gate, Hold.CONCURRENCY, T0);
        }

        @Test
        void aPermitGivenBackFreesItsPlace() {
            ProxyGate gate = gate(fixed(2));
            List<Permit> taken = permits(gate, 2, T0);
            held(gate, Hold.CONCURRENCY, T0);
            taken.get(0).release(null, 0, 0, T0 + MS); // never sent
            assertEquals(1, gate.snapshot(T0 + MS).inFlight());
            permit(gate, T0 + MS);
            held(gate, Hold.CONCURRENCY, T0 + MS);
            taken.get(1).release(Outcome.SUCCESS, 20 * MS, 0, T0 + 20 * MS);
            permit(gate, T0 + 20 * MS);
        }

        @Test
        void aPermitReleasedTwiceFreesOnlyOnePlace() {
            ProxyGate gate = gate(fixed(2));
            Permit first = permits(gate, 2, T0).get(0);
            first.release(Outcome.SUCCESS, 10 * MS, 0, T0 + 10 * MS);
            first.release(Outcome.SUCCESS, 10 * MS, 0, T0 + 11 * MS);
            first.release(null, 0, 0, T0 + 12 * MS);
            assertEquals(1, gate.snapshot(T0 + 12 * MS).inFlight());
            permit(gate, T0 + 12 * MS);
            held(gate, Hold.CONCURRENCY, T0 + 12 * MS);
        }
    }

    @Nested
    class Rate {

        @Test
        void theBurstIsASecondsWorthAtLeastOne() {
            assertEquals(2, ProxyGate.burstOf(2));
            assertEquals(3, ProxyGate.burstOf(2.5));
            assertEquals(1, ProxyGate.burstOf(0.3));
            assertEquals(Integer.MAX_VALUE, ProxyGate.burstOf(1e12));
        }

        @Test
        void twoPerSecondGivesABurstOfTwoThenHoldsForHalfASecond() {
            ProxyGate gate = gate(rated(10, 2.0));
            assertEquals(2.0, gate.snapshot(T0).tokens(), 1e-9);
            permits(gate, 2, T0);
            assertEquals(0.0, gate.snapshot(T0).tokens(), 1e-9);
            Admission a = held(gate, Hold.RATE, T0);
            assertEquals(SECOND / 2, a.waitNanos(), MS);
            permit(gate, T0 + SECOND / 2);
        }

        @Test
        void aPermitGivenBackUnsentDoesNotReturnItsToken() {
            ProxyGate gate = gate(rated(10, 1.0));
            permit(gate, T0).release(null, 0, 0, T0);
            held(gate, Hold.RATE, T0);
        }
    }

    @Nested
    class TargetRetryAfter {

        @Test
        void anOverloadWithRetryAfterHoldsTheWholeGateUntilThen() {
            ProxyGate gate = gate(fixed(10));
            Permit other = permit(gate, T0);
            long answered = T0 + 10 * MS;
            permit(gate, T0).release(Outcome.OVERLOAD, 10 * MS, 3 * SECOND, answered);
            // a free place and no rate, yet held: the target asked for no traffic
            Admission a = held(gate, Hold.TARGET_RETRY_AFTER, answered);
            assertEquals(3 * SECOND, a.waitNanos());
            assertEquals(3 * SECOND - SECOND, gate.snapshot(answered + SECOND).retryAfterNanos());
            held(gate, Hold.TARGET_RETRY_AFTER, answered + 3 * SECOND - 1);
            permit(gate, answered + 3 * SECOND);
            assertEquals(0, gate.snapshot(answered + 3 * SECOND).retryAfterNanos());
            other.release(Outcome.SUCCESS, 10 * MS, 0, answered + 3 * SECOND);
        }

        @Test
        void theHoldIsCapped() {
            ProxyGate gate = gate(new Settings(10, false, null, 2 * SECOND));
            permit(gate, T0).release(Outcome.OVERLOAD, MS, 3_600 * SECOND, T0);
            assertEquals(2 * SECOND, held(gate, Hold.TARGET_RETRY_AFTER, T0).waitNanos());
            permit(gate, T0 + 2 * SECOND);
        }

        @Test
        void retryAfterOnASuccessIsIgnored() {
            ProxyGate gate = gate(fixed(10));
            permit(gate, T0).release(Outcome.SUCCESS, MS, 3 * SECOND, T0);
            assertEquals(0, gate.snapshot(T0).retryAfterNanos());
            permit(gate, T0);
        }
    }

    @Nested
    class Circuit {

        @Test
        void fourFailuresOpenItAndHoldForTheRestOfTheCoolDown() {
            ProxyGate gate = gate(fixed(10));
            long opened = open(gate, T0);
            assertEquals(List.of(new Move(CLOSED, OPEN, opened)), moves);
            Admission a = held(gate, Hold.CIRCUIT, opened + SECOND);
            assertEquals(5 * SECOND - SECOND, a.waitNanos()); // the rest of the 5 s cool-down
            Snapshot s = gate.snapshot(opened + SECOND);
            assertEquals(OPEN, s.circuit());
            assertEquals(opened, s.circuitSinceNanos());
            assertEquals(1, s.circuitOpenings());
            assertEquals(0, s.inFlight());
        }

        @Test
        void afterTheCoolDownExactlyOneProbeGoesAndItsSuccessClosesIt() {
            ProxyGate gate = gate(fixed(10));
            long opened = open(gate, T0);
            long probeAt = opened + 5 * SECOND;
            Permit probe = permit(gate, probeAt);
            assertEquals(HALF_OPEN, gate.snapshot(probeAt).circuit());
            for (int i = 0; i < 5; i++) {
                held(gate, Hold.CIRCUIT, probeAt + i * MS);
            }
            probe.release(Outcome.SUCCESS, 20 * MS, 0, probeAt + 20 * MS);
            assertEquals(CLOSED, gate.snapshot(probeAt + 20 * MS).circuit());
            permits(gate, 10, probeAt + 20 * MS);
            assertEquals(List.of(new Move(CLOSED, OPEN, opened), new Move(OPEN, HALF_OPEN, probeAt),
                    new Move(HALF_OPEN, CLOSED, probeAt + 20 * MS)), moves);
        }

        @Test
        void aProbeGivenBackUnsentLetsTheNextRequestProbeAtOnce() {
            ProxyGate gate = gate(fixed(10));
            long probeAt = open(gate, T0) + 5 * SECOND;
            Permit probe = permit(gate, probeAt);
            held(gate, Hold.CIRCUIT, probeAt + MS);
            probe.release(null, 0, 0, probeAt + 2 * MS);
            permit(gate, probeAt + 2 * MS); // the next probe, not after the 60 s lease
            held(gate, Hold.CIRCUIT, probeAt + 2 * MS);
            assertEquals(HALF_OPEN, gate.snapshot(probeAt + 2 * MS).circuit());
        }

        @Test
        void aFailedProbeReopensItAndEveryOpeningIsCounted() {
            ProxyGate gate = gate(fixed(10));
            long probeAt = open(gate, T0) + 5 * SECOND;
            long failed = probeAt + 50 * MS;
            permit(gate, probeAt).release(Outcome.TIMEOUT, 50 * MS, 0, failed);
            Snapshot s = gate.snapshot(failed);
            assertEquals(OPEN, s.circuit());
            assertEquals(failed, s.circuitSinceNanos());
            assertEquals(2, s.circuitOpenings());
            assertEquals(10 * SECOND, held(gate, Hold.CIRCUIT, failed).waitNanos()); // the cool-down doubled
            assertEquals(List.of(OPEN, HALF_OPEN, OPEN), moves.stream().map(Move::to).toList());
        }

        @Test
        void theTargetsRetryAfterIsAskedBeforeTheCircuit() {
            ProxyGate gate = gate(fixed(10));
            for (int i = 0; i < 3; i++) {
                permit(gate, T0 + i * MS).release(Outcome.REFUSED, MS, 0, T0 + i * MS);
            }
            long opened = T0 + 3 * MS;
            permit(gate, opened).release(Outcome.OVERLOAD, MS, 30 * SECOND, opened);
            assertEquals(OPEN, gate.snapshot(opened).circuit());
            // the cool-down is over and a probe could go, but the target asked for 30 s
            held(gate, Hold.TARGET_RETRY_AFTER, opened + 6 * SECOND);
            permit(gate, opened + 30 * SECOND);
            assertEquals(HALF_OPEN, gate.snapshot(opened + 30 * SECOND).circuit());
        }

        @Test
        void fastRefusalsDoNotOpenItBeforeTheSlowerAnswersSentWithThemAreIn() {
            // A burst of 10 to a target that takes 6: 4 refused at once, 6 answered 200 ms later.
            ProxyGate gate = gate(fixed(10));
            List<Permit> burst = permits(gate, 10, T0);
            for (int i = 0; i < 4; i++) {
                burst.get(i).release(Outcome.OVERLOAD, MS, 0, T0 + MS);
            }
            assertEquals(CLOSED, gate.snapshot(T0 + MS).circuit(), "4 of 4 ended failed, but 6 sent with them are out");
            for (int i = 4; i < 10; i++) {
                burst.get(i).release(Outcome.SUCCESS, 200 * MS, 0, T0 + 200 * MS);
            }
            assertEquals(CLOSED, gate.snapshot(T0 + 200 * MS).circuit(), "4 failures in 10 is under half");
            assertTrue(moves.isEmpty(), moves.toString());
        }

        @Test
        void theCircuitIsAskedBeforeTheLimitAndAProbeIsTakenOnlyWhenAllSayYes() {
            ProxyGate gate = gate(fixed(5));
            List<Permit> taken = permits(gate, 4, T0);
            // sent after the four: their outcomes need not wait for it to count
            taken.add(permit(gate, T0 + MS / 2));
            for (int i = 0; i < 4; i++) {
                taken.get(i).release(Outcome.REFUSED, MS, 0, T0 + (i + 1) * MS);
            }
            long opened = T0 + 4 * MS;
            assertEquals(OPEN, gate.snapshot(opened).circuit());
            gate.reconfigure(fixed(1), opened); // the one still in flight fills the limit
            held(gate, Hold.CIRCUIT, opened + SECOND);
            // half-open now, but the limit says no: the probe must not be used up by asking
            held(gate, Hold.CONCURRENCY, opened + 5 * SECOND);
            taken.get(4).release(Outcome.SUCCESS, MS, 0, opened + 5 * SECOND); // sent before it opened: stale
            assertEquals(HALF_OPEN, gate.snapshot(opened + 5 * SECOND).circuit());
            permit(gate, opened + 5 * SECOND);
        }
    }

    @Nested
    class Pacing {

        @Test
        void concurrencyHoldsComeBackOnePacedIntervalApart() {
            ProxyGate gate = gate(fixed(2));
            permits(gate, 2, T0);
            // no answer yet: the first latency over the limit, sped up by PACE_AHEAD
            double spacing = ProxyGate.FIRST_LATENCY_NANOS / 2.0 / ProxyGate.PACE_AHEAD;
            long previous = 0;
            for (int i = 0; i < 20; i++) {
                long wait = held(gate, Hold.CONCURRENCY, T0).waitNanos();
                if (i > 0) {
                    assertTrue(wait > previous, wait + " after " + previous);
                    assertEquals(spacing, wait - previous, spacing / 100);
                }
                previous = wait;
            }
        }

        @Test
        void heldRequestsAreCalledBackWhenTheLimitHasRoomBeforeTheirTime() {
            ProxyGate gate = gate(fixed(4));
            List<Permit> taken = permits(gate, 4, T0);
            for (int i = 0; i < 100; i++) {
                held(gate, Hold.CONCURRENCY, T0); // reserved ever further ahead
            }
            assertEquals(0, gate.toCallBack(T0, 0), "no room: nothing to call back");
            taken.get(0).release(Outcome.SUCCESS, 100 * MS, 0, T0 + 100 * MS);
            taken.get(1).release(Outcome.SUCCESS, 100 * MS, 0, T0 + 100 * MS);
            assertEquals(2, gate.toCallBack(T0 + 100 * MS, 0), "two places free, many reserved ahead");
            // called back and taken: no room again
            permits(gate, 2, T0 + 100 * MS);
            assertEquals(0, gate.toCallBack(T0 + 100 * MS, 0));
            // and what the limit frees until the next call-back: 4 places a latency (100 ms), for 1 s
            int withPeriod = gate.toCallBack(T0 + 100 * MS, SECOND);
            assertTrue(withPeriod >= 30 && withPeriod <= 50, withPeriod + " called back for the next second");
        }

        @Test
        void nothingIsCalledBackWithoutReservationsAheadOrWhileTheCircuitIsOpen() {
            ProxyGate gate = gate(fixed(4));
            assertEquals(0, gate.toCallBack(T0, 0), "room, but nothing held");
            ProxyGate open = gate(fixed(10));
            long opened = open(open, T0);
            for (int i = 0; i < 10; i++) {
                held(open, Hold.CIRCUIT, opened);
            }
            assertEquals(0, open.toCallBack(opened + SECOND, SECOND), "open: the held requests wait for the cool-down");
        }

        @Test
        void rateHoldsComeBackOnePacedRateIntervalApart() {
            ProxyGate gate = gate(rated(10, 2.0));
            permits(gate, 2, T0);
            double spacing = SECOND / 2.0 / ProxyGate.PACE_AHEAD;
            long previous = held(gate, Hold.RATE, T0).waitNanos();
            for (int i = 0; i < 10; i++) {
                long wait = held(gate, Hold.RATE, T0).waitNanos();
                assertEquals(spacing, wait - previous, spacing / 100);
                previous = wait;
            }
        }

        @Test
        void requestsHeldByACoolDownComeBackSpreadAfterIt() {
            ProxyGate gate = gate(fixed(10));
            long opened = open(gate, T0);
            long now = opened + SECOND;
            long previous = 0;
            for (int i = 0; i < 100; i++) {
                long wait = held(gate, Hold.CIRCUIT, now).waitNanos();
                assertTrue(wait >= 4 * SECOND, wait + " ns: before the cool-down ends");
                assertTrue(wait > previous, wait + " after " + previous);
                previous = wait;
            }
            assertTrue(previous > 4 * SECOND + 50 * MS, "not spread: " + previous);
        }

        @Test
        void aLaterHoldIsReservedAfterTheEarlierOnes() {
            ProxyGate gate = gate(fixed(1));
            permit(gate, T0);
            long previousSlot = Long.MIN_VALUE;
            for (int i = 0; i < 10; i++) {
                long now = T0 + i * MS;
                long slot = now + held(gate, Hold.CONCURRENCY, now).waitNanos();
                assertTrue(slot > previousSlot);
                previousSlot = slot;
            }
        }
    }

    @Nested
    class Reconfigure {

        @Test
        void attemptsInFlightAreKeptUnderALowerLimit() {
            ProxyGate gate = gate(fixed(5));
            List<Permit> taken = permits(gate, 3, T0);
            gate.reconfigure(fixed(2), T0 + MS);
            assertEquals(fixed(2), gate.settings());
            Snapshot s = gate.snapshot(T0 + MS);
            assertEquals(2, s.limit());
            assertEquals(3, s.inFlight());
            held(gate, Hold.CONCURRENCY, T0 + MS);
            taken.get(0).release(Outcome.SUCCESS, 10 * MS, 0, T0 + 10 * MS);
            held(gate, Hold.CONCURRENCY, T0 + 10 * MS);
            taken.get(1).release(Outcome.SUCCESS, 10 * MS, 0, T0 + 11 * MS);
            permit(gate, T0 + 11 * MS);
            held(gate, Hold.CONCURRENCY, T0 + 11 * MS);
        }

        @Test
        void aChangedRateStartsFull() {
            ProxyGate gate = gate(rated(10, 1.0));
            permit(gate, T0);
            held(gate, Hold.RATE, T0);
            gate.reconfigure(rated(10, 3.0), T0 + MS);
            permits(gate, 3, T0 + MS);
            held(gate, Hold.RATE, T0 + MS);
        }

        @Test
        void anUnchangedRateIsKept() {
            ProxyGate gate = gate(rated(10, 1.0));
            permit(gate, T0);
            gate.reconfigure(rated(20, 1.0), T0 + MS);
            held(gate, Hold.RATE, T0 + MS);
            assertEquals(20, gate.snapshot(T0 + MS).limit());
        }

        @Test
        void theCircuitIsKept() {
            ProxyGate gate = gate(fixed(10));
            long opened = open(gate, T0);
            gate.reconfigure(rated(5, 100.0), opened + MS);
            held(gate, Hold.CIRCUIT, opened + MS);
            assertEquals(1, gate.snapshot(opened + MS).circuitOpenings());
        }
    }

    @Nested
    class Snapshots {

        @Test
        void aFreshGateShowsItsLimitsAndNoHold() {
            Snapshot s = gate(fixed(7)).snapshot(T0 + SECOND);
            assertEquals(new Snapshot(7, 0, null, CLOSED, T0, 0, 0), s);
        }

        @Test
        void showsTheTokensOfARate() {
            ProxyGate gate = gate(rated(7, 4.0));
            permits(gate, 3, T0);
            assertEquals(1.0, gate.snapshot(T0).tokens(), 1e-9);
            assertEquals(2.0, gate.snapshot(T0 + SECOND / 4).tokens(), 1e-9);
            assertEquals(4.0, gate.snapshot(T0 + 60 * SECOND).tokens(), 1e-9);
        }
    }

    /** Real threads on the real clock: the waits are bounded, nothing sleeps. */
    @Nested
    class Waiting {

        private final ExecutorService threads = Executors.newSingleThreadExecutor();

        @AfterEach
        void stop() {
            threads.shutdownNow();
        }

        @Test
        void aWaiterGetsThePermitWhenAnotherThreadReleasesOne() throws Exception {
            ProxyGate gate = gate(fixed(1), System.nanoTime());
            // a slow target (about 20 s smoothed latency): a waiter not woken by the release would
            // sleep far beyond the 10 s this test waits for it
            permit(gate, System.nanoTime()).release(Outcome.SUCCESS, 100 * SECOND, 0, System.nanoTime());
            Permit holder = permit(gate, System.nanoTime());
            CountDownLatch asked = new CountDownLatch(2); // the deadline's reading and the first check's
            LongSupplier clock = () -> {
                asked.countDown();
                return System.nanoTime();
            };
            Future<Admission> waiter = threads.submit(() -> gate.admit(60 * SECOND, clock));
            assertTrue(asked.await(10, TimeUnit.SECONDS));
            // the waiter holds the gate's lock from its first check until it waits, so this
            // release comes after it started waiting
            holder.release(Outcome.SUCCESS, 10 * MS, 0, System.nanoTime());
            Admission a = waiter.get(10, TimeUnit.SECONDS);
            assertTrue(a.permitted(), () -> "held by " + a.heldBy());
            assertEquals(1, gate.snapshot(System.nanoTime()).inFlight());
        }

        @Test
        void aFreePlaceIsGivenWithoutWaiting() throws Exception {
            ProxyGate gate = gate(fixed(1), System.nanoTime());
            assertTrue(gate.admit(5 * SECOND, System::nanoTime).permitted());
        }

        @Test
        void noWaitWhenAPermitIsNotExpectedInTime() throws Exception {
            ProxyGate gate = gate(fixed(1), System.nanoTime());
            // about 200 s smoothed latency: the next place is not expected within 30 s
            permit(gate, System.nanoTime()).release(Outcome.SUCCESS, 1_000 * SECOND, 0, System.nanoTime());
            permit(gate, System.nanoTime());
            assertReturnsAHoldAtOnce(gate, Hold.CONCURRENCY);
        }

        @Test
        void anOpenCircuitIsAHoldAtOnce() throws Exception {
            // a 20 s cool-down, inside the 30 s wait: only the cause keeps it from waiting
            ProxyGate gate = new ProxyGate(fixed(10), new CircuitBreaker.Settings(4, 4, 0.5, Duration.ofSeconds(20),
                    Duration.ofSeconds(60), Duration.ofSeconds(60)), (from, to, at) -> { }, System.nanoTime());
            for (int i = 0; i < 4; i++) {
                permit(gate, System.nanoTime()).release(Outcome.REFUSED, MS, 0, System.nanoTime());
            }
            assertReturnsAHoldAtOnce(gate, Hold.CIRCUIT);
        }

        @Test
        void aTargetsRetryAfterIsAHoldAtOnce() throws Exception {
            ProxyGate gate = gate(fixed(10), System.nanoTime());
            permit(gate, System.nanoTime()).release(Outcome.OVERLOAD, MS, 20 * SECOND, System.nanoTime());
            assertReturnsAHoldAtOnce(gate, Hold.TARGET_RETRY_AFTER);
        }

        private void assertReturnsAHoldAtOnce(ProxyGate gate, Hold reason) throws Exception {
            long start = System.nanoTime();
            Admission a = gate.admit(30 * SECOND, System::nanoTime);
            long elapsed = System.nanoTime() - start;
            assertFalse(a.permitted());
            assertEquals(reason, a.heldBy());
            assertTrue(a.waitNanos() >= ProxyGate.MIN_HOLD_NANOS);
            assertTrue(elapsed < 10 * SECOND, elapsed + " ns");
        }
    }
}
