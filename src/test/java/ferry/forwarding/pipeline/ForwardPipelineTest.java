package ferry.forwarding.pipeline;

import ferry.forwarding.attempts.Ticket;

import java.time.Instant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.OptimisticLockException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ForwardPipelineTest {

    private static final long DEADLINE_SECONDS = 10;
    private static final Logger FORWARDER_LOG = Logger.getLogger(Forwarder.class.getName());
    /** Runs the send step on the thread that completed the claim: no waiting in most tests. */
    private static final Executor DIRECT = Runnable::run;

    /** The claim step: one future per id, completed by the test as the claim batch would. */
    private final Map<String, CompletableFuture<Optional<Ticket>>> claims = new ConcurrentHashMap<>();
    private final List<String> claimed = new CopyOnWriteArrayList<>();
    private final List<Ticket> sent = new CopyOnWriteArrayList<>();
    private final List<ExecutorService> pools = new ArrayList<>();

    /** Failures the pipeline warns about are expected here: kept out of the build's output. */
    @BeforeEach
    void quiet() {
        FORWARDER_LOG.setUseParentHandlers(false);
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        FORWARDER_LOG.setUseParentHandlers(true);
        for (ExecutorService pool : pools) {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS));
        }
    }

    private CompletableFuture<Optional<Ticket>> claim(String requestId) {
        claimed.add(requestId);
        return claims.computeIfAbsent(requestId, id -> new CompletableFuture<>());
    }

    private ForwardPipeline<Void> pipeline(int room, Executor senders, Consumer<Ticket> sendAndRecord) {
        return ForwardPipeline.plain(room, senders, this::claim, sendAndRecord);
    }

    private ForwardPipeline<Void> pipeline(int room) {
        return pipeline(room, DIRECT, sent::add);
    }

    private static Ticket ticket(String requestId) {
        return new Ticket(requestId, "orders", "node-a", 1, Instant.parse("2025-01-01T00:00:00Z"), null, null, 0, null);
    }

    private ExecutorService pool(int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        pools.add(pool);
        return pool;
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(DEADLINE_SECONDS, TimeUnit.SECONDS), "not reached within the deadline");
    }

    @Test
    void tryTakeRefusesWhenFullWithoutClaiming() {
        ForwardPipeline<Void> pipeline = pipeline(2);
        assertTrue(pipeline.tryTake("a"));
        assertTrue(pipeline.tryTake("b"));
        assertFalse(pipeline.tryTake("c"));
        assertEquals(List.of("a", "b"), claimed);
    }

    @Test
    void takeLaterTakesSeveralInBeforeAnyClaimCommits() {
        ForwardPipeline<Void> pipeline = pipeline(3);

        CompletableFuture<Void> a = pipeline.takeLater("a", null);
        CompletableFuture<Void> b = pipeline.takeLater("b", null);

        assertEquals(List.of("a", "b"), claimed, "both claims are asked for before either has committed");
        assertFalse(a.isDone());
        assertEquals(1, pipeline.free());
        claims.get("b").complete(Optional.of(ticket("b")));
        claims.get("a").complete(Optional.empty());
        assertTrue(a.isDone() && b.isDone());
        assertEquals(List.of("b"), sent.stream().map(Ticket::requestId).toList());
        assertEquals(3, pipeline.free(), "the place of a claim that found nothing and of a sent one are back");
    }

    @Test
    void takeLaterReportsAFailedClaimThroughItsFuture() {
        ForwardPipeline<Void> pipeline = pipeline(1);

        CompletableFuture<Void> a = pipeline.takeLater("a", null);
        claims.get("a").completeExceptionally(new OptimisticLockException("claimed elsewhere"));

        CompletionException failed = assertThrows(CompletionException.class, a::join);
        assertTrue(failed.getCause() instanceof OptimisticLockException);
        assertEquals(1, pipeline.free());
    }

    @Test
    void aClaimedRequestIsSentAndItsPlaceReturned() {
        ForwardPipeline<Void> pipeline = pipeline(1);
        pipeline.tryTake("a");
        Ticket ticket = ticket("a");
        claims.get("a").complete(Optional.of(ticket));
        assertEquals(1, sent.size());
        assertSame(ticket, sent.get(0));
        assertTrue(pipeline.tryTake("b"));
    }

    @Test
    void aClaimThatFindsNothingReturnsItsPlaceAndSendsNothing() {
        ForwardPipeline<Void> pipeline = pipeline(1);
        pipeline.tryTake("a");
        assertFalse(pipeline.tryTake("b"));
        claims.get("a").complete(Optional.empty());
        assertTrue(pipeline.tryTake("b"));
        assertTrue(sent.isEmpty());
    }

    @Test
    void aFailedClaimReturnsItsPlace() {
        ForwardPipeline<Void> pipeline = pipeline(1);
        pipeline.tryTake("a");
        claims.get("a").completeExceptionally(new IllegalStateException("database down"));
        assertTrue(pipeline.tryTake("b"));
        assertTrue(sent.isEmpty());
    }

    @Test
    void aClaimStepThatThrowsReturnsThePlaceAndTheCallerSeesTheFailure() {
        AtomicInteger calls = new AtomicInteger();
        ForwardPipeline<Void> pipeline = ForwardPipeline.plain(1, DIRECT, id -> {
            if (calls.getAndIncrement() == 0) {
                throw new IllegalStateException("claim batch closed");
            }
            return claim(id);
        }, sent::add);
        assertThrows(IllegalStateException.class, () -> pipeline.tryTake("a"));
        assertTrue(pipeline.tryTake("b"));
        assertEquals(List.of("b"), claimed);
    }

    @Test
    void aSendThatThrowsReturnsItsPlace() {
        ForwardPipeline<Void> pipeline = pipeline(1, DIRECT, ticket -> {
            throw new IllegalStateException("outcome not recorded");
        });
        pipeline.tryTake("a");
        claims.get("a").complete(Optional.of(ticket("a")));
        assertTrue(pipeline.tryTake("b"));
    }

    @Test
    void evenAnErrorInTheSendReturnsItsPlace() {
        ForwardPipeline<Void> pipeline = pipeline(1, DIRECT, ticket -> {
            throw new StackOverflowError("a send that blew up");
        });
        pipeline.tryTake("a");
        claims.get("a").complete(Optional.of(ticket("a")));
        assertTrue(pipeline.tryTake("b"));
    }

    @Test
    void thePlaceIsHeldUntilTheSendOnItsOwnThreadEnds() throws InterruptedException {
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        ExecutorService pool = pool(1);
        // Counts down after the pipeline's own task has returned, so after its finally.
        Executor senders = task -> pool.execute(() -> {
            try {
                task.run();
            } finally {
                finished.countDown();
            }
        });
        ForwardPipeline<Void> pipeline = pipeline(1, senders, ticket -> {
            sending.countDown();
            try {
                await(mayFinish);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("target unreachable and outcome not recorded");
        });

        pipeline.tryTake("a");
        claims.get("a").complete(Optional.of(ticket("a")));
        await(sending);
        assertFalse(pipeline.tryTake("b"), "room while a is still being sent");
        mayFinish.countDown();
        await(finished);
        assertTrue(pipeline.tryTake("b"));
    }

    @Test
    void takeLaterWaitsForRoomAndProceedsOnceAPlaceIsReturned() throws InterruptedException {
        ForwardPipeline<Void> pipeline = pipeline(1);
        pipeline.tryTake("a");
        Thread listener = new Thread(() -> pipeline.takeLater("b", null).join(), "listener");
        listener.start();
        awaitState(listener, Thread.State.WAITING);
        assertEquals(List.of("a"), claimed, "b was taken in while the pipeline was full");

        claims.get("a").complete(Optional.empty());
        awaitClaimOf(pipeline, "b");
        claims.get("b").complete(Optional.empty());
        listener.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
        assertFalse(listener.isAlive(), "still waiting after a place was returned and b was claimed");
        assertEquals(List.of("a", "b"), claimed);
    }

    @Test
    void itsFutureCompletesOnlyOnceTheClaimHasCommittedSoTheMessageIsAcknowledgedAfterIt() throws InterruptedException {
        ForwardPipeline<Void> pipeline = pipeline(2);
        java.util.concurrent.atomic.AtomicBoolean returned = new java.util.concurrent.atomic.AtomicBoolean();
        Thread listener = new Thread(() -> {
            pipeline.takeLater("a", null).join();
            returned.set(true);
        }, "listener");
        listener.start();
        awaitClaimOf(pipeline, "a");
        awaitState(listener, Thread.State.WAITING);
        assertFalse(returned.get(), "the future completed before the claim committed");
        claims.get("a").complete(Optional.of(ticket("a")));
        listener.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
        assertTrue(returned.get());
    }

    @Test
    void aFailedClaimFailsTheListenersFutureSoItsMessageIsDeliveredAgain() throws InterruptedException {
        ForwardPipeline<Void> pipeline = pipeline(1);
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread listener = new Thread(() -> {
            try {
                pipeline.takeLater("a", null).join();
            } catch (java.util.concurrent.CompletionException e) {
                thrown.set(e.getCause());
            }
        }, "listener");
        listener.start();
        awaitClaimOf(pipeline, "a");
        IllegalStateException down = new IllegalStateException("database down");
        claims.get("a").completeExceptionally(down);
        listener.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
        assertSame(down, thrown.get());
        assertTrue(pipeline.tryTake("b"), "the place came back");
    }

    /** Waits (with the deadline) until the pipeline has asked for the claim of {@code id}. */
    private void awaitClaimOf(ForwardPipeline<Void> pipeline, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!claims.containsKey(id)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the claim of " + id + " was never asked for");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void underConcurrentLoadNoMoreThanTheRoomIsInFlightAndEveryPlaceComesBack() throws InterruptedException {
        int room = 4;
        int listeners = 6;
        int perListener = 50;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(listeners * perListener);
        ExecutorService pool = pool(8); // more senders than room: only the bound keeps it at four
        ForwardPipeline<Void> pipeline = ForwardPipeline.plain(room, pool, id -> {
            if (id.startsWith("probe")) {
                return new CompletableFuture<>(); // holds its place: awaitRoom counts the places
            }
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            int n = Integer.parseInt(id.substring(id.indexOf('-') + 1));
            // Every way a request can leave the pipeline: not due, claim failed, send failed, sent.
            CompletableFuture<Optional<Ticket>> answer = switch (n % 4) {
                case 0 -> CompletableFuture.completedFuture(Optional.empty());
                case 1 -> CompletableFuture.failedFuture(new OptimisticLockException("lost the race"));
                default -> CompletableFuture.supplyAsync(() -> Optional.of(ticket(id)), pool);
            };
            return answer.whenComplete((ticket, failure) -> {
                if (failure != null || ticket.isEmpty()) {
                    inFlight.decrementAndGet();
                    done.countDown();
                }
            });
        }, ticket -> {
            int n = Integer.parseInt(ticket.requestId().substring(ticket.requestId().indexOf('-') + 1));
            inFlight.decrementAndGet();
            done.countDown();
            if (n % 4 == 2) {
                throw new IllegalStateException("outcome not recorded");
            }
        });

        List<Thread> threads = new ArrayList<>();
        for (int l = 0; l < listeners; l++) {
            int first = l * perListener;
            Thread thread = new Thread(() -> {
                for (int i = first; i < first + perListener; i++) {
                    try {
                        pipeline.takeLater("r-" + i, null).join();
                    } catch (RuntimeException claimFailed) {
                        // the listener's message would be delivered again; the place came back
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        await(done);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
            assertFalse(thread.isAlive());
        }
        assertTrue(mostInFlight.get() <= room, "in flight at once: " + mostInFlight.get());

        // Every place came back: the room is whole again (the last release may trail its count-down).
        awaitRoom(pipeline, room);
        assertFalse(pipeline.tryTake("one-too-many"));
    }

    @Test
    void aLostRaceIsNotWarnedAboutButAnyOtherClaimFailureIs() {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        FORWARDER_LOG.addHandler(handler);
        try {
            ForwardPipeline<Void> pipeline = pipeline(2);
            pipeline.tryTake("lost");
            pipeline.tryTake("broken");
            claims.get("lost").completeExceptionally(new CompletionException(
                    new OptimisticLockException("row version moved")));
            assertTrue(warnings.isEmpty(), "a lost race was warned about");
            claims.get("broken").completeExceptionally(new IllegalStateException("database down"));
            assertEquals(1, warnings.size());
            assertTrue(warnings.get(0).getMessage().contains("broken"), warnings.get(0).getMessage());
        } finally {
            FORWARDER_LOG.removeHandler(handler);
        }
    }

    /** Takes {@code room} places, waiting (with a deadline) for places still being returned; nothing is claimed. */
    private static void awaitRoom(ForwardPipeline<Void> pipeline, int room) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        for (int taken = 0; taken < room; ) {
            if (pipeline.tryTake("probe-" + taken)) {
                taken++;
            } else {
                assertTrue(System.nanoTime() < deadline, "only " + taken + " of " + room + " places came back");
                Thread.onSpinWait();
            }
        }
    }

    private static void awaitState(Thread thread, Thread.State state) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (thread.getState() != state) {
            assertTrue(System.nanoTime() < deadline, thread.getName() + " is " + thread.getState());
            Thread.onSpinWait();
        }
    }
}
