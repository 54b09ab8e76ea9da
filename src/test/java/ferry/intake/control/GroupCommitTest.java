package ferry.intake.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.intake.control.GroupCommit.Pending;
import ferry.proxies.entity.EntryPoint;
import ferry.requests.dispatch.DueRequest;
import ferry.requests.entity.ForwardRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a committed group hands to dispatch, and in which order its members are answered. */
class GroupCommitTest {

    private final ExecutorService replies = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() throws InterruptedException {
        replies.shutdownNow();
        assertTrue(replies.awaitTermination(5, TimeUnit.SECONDS));
    }

    private static Pending pending(String id, EntryPoint entry, Duration delay, boolean held) {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        ForwardRequest request = new ForwardRequest(id, "orders", entry, "POST", "v1/x", null, "{}", new byte[0], id,
                now, now);
        return new Pending(request, delay, held, new CompletableFuture<>());
    }

    private static List<Pending> aGroup() {
        return List.of(
                pending("r1", EntryPoint.ASYNC, null, false),
                pending("r2", EntryPoint.SYNC, null, false),
                pending("r3", EntryPoint.ASYNC, Duration.ofSeconds(90), true),
                pending("r4", EntryPoint.SYNC, Duration.ofMinutes(5), false));
    }

    private static void await(CompletableFuture<Void> done) throws Exception {
        done.get(5, TimeUnit.SECONDS);
    }

    @Test
    void whatIsQueuedLeavesHeldRequestsOutFlagsWaitingCallersAndKeepsDelays() {
        assertEquals(List.of(
                        new DueRequest("r1", "orders", null, false),
                        new DueRequest("r2", "orders", null, true),
                        new DueRequest("r4", "orders", Duration.ofMinutes(5), true)),
                GroupCommit.toDispatch(aGroup()));
    }

    @Test
    void aCommittedGroupIsStoredWholeAnnouncedAndEveryMemberAnswered() throws Exception {
        List<Pending> group = aGroup();
        List<List<ForwardRequest>> stored = Collections.synchronizedList(new ArrayList<>());
        List<List<DueRequest>> announced = Collections.synchronizedList(new ArrayList<>());
        Thread writer = Thread.currentThread();
        List<Thread> repliedOn = Collections.synchronizedList(new ArrayList<>());
        Executor tracked = task -> replies.execute(() -> {
            repliedOn.add(Thread.currentThread());
            task.run();
        });

        GroupCommit.commit(group, stored::add, announced::add, tracked);

        for (Pending p : group) {
            await(p.done()); // held ones too: a paused proxy still accepts
        }
        assertEquals(List.of(group.stream().map(Pending::request).toList()), stored, "one store call for the group");
        assertEquals(List.of(GroupCommit.toDispatch(group)), announced);
        assertFalse(repliedOn.isEmpty());
        repliedOn.forEach(t -> assertNotSame(writer, t, "replies run off the writer thread"));
    }

    @Test
    void dispatchHappensBeforeAnyMemberIsAnswered() {
        List<Pending> group = aGroup();
        List<String> events = new ArrayList<>();
        group.forEach(p -> p.done().thenRun(() -> events.add("answered " + p.request().getId())));

        // Replies run on the calling thread here, so an answer sent before the hand-over would show.
        GroupCommit.commit(group, requests -> events.add("stored"), due -> {
            assertTrue(group.stream().noneMatch(p -> p.done().isDone()), "nobody answered before dispatch");
            events.add("dispatched");
        }, Runnable::run);

        assertEquals(List.of("stored", "dispatched", "answered r1", "answered r2", "answered r3", "answered r4"), events);
    }

    @Test
    void aFailedGroupFailsEveryMemberAndDispatchesNothing() throws Exception {
        List<Pending> group = aGroup();
        RuntimeException down = new IllegalStateException("database down");
        List<List<DueRequest>> announced = Collections.synchronizedList(new ArrayList<>());

        GroupCommit.commit(group, requests -> {
            throw down;
        }, announced::add, replies);

        for (Pending p : group) {
            ExecutionException failed = assertThrows(ExecutionException.class, () -> await(p.done()));
            assertSame(down, failed.getCause());
        }
        assertTrue(announced.isEmpty());
        assertFalse(group.stream().anyMatch(p -> p.done().isDone() && !p.done().isCompletedExceptionally()));
    }

    @Test
    void theWriterAnswersNobodyItselfEveryAnswerGoesThroughTheReplyExecutor() {
        List<Pending> group = aGroup();
        List<Runnable> queued = new ArrayList<>();

        GroupCommit.commit(group, requests -> { }, due -> { }, queued::add);

        assertTrue(group.stream().noneMatch(p -> p.done().isDone()), "the writer returns to committing first");
        queued.forEach(Runnable::run);
        assertTrue(group.stream().allMatch(p -> p.done().isDone() && !p.done().isCompletedExceptionally()));
    }

    @Test
    void oneMemberThatCannotBeStoredFailsAloneTheOthersAreStoredAnnouncedAndAnswered() throws Exception {
        List<Pending> group = aGroup();
        RuntimeException tooLong = new IllegalStateException("value too long for column target_path");
        List<List<ForwardRequest>> stored = Collections.synchronizedList(new ArrayList<>());
        List<List<DueRequest>> announced = Collections.synchronizedList(new ArrayList<>());

        // The database refuses any transaction that holds r2 (as with an over-long column).
        GroupCommit.commit(group, requests -> {
            if (requests.stream().anyMatch(r -> r.getId().equals("r2"))) {
                throw tooLong;
            }
            stored.add(requests);
        }, announced::add, replies);

        ExecutionException failed = assertThrows(ExecutionException.class, () -> await(group.get(1).done()));
        assertSame(tooLong, failed.getCause());
        for (Pending p : List.of(group.get(0), group.get(2), group.get(3))) {
            await(p.done());
        }
        assertEquals(List.of(List.of(group.get(0).request()), List.of(group.get(2).request()),
                List.of(group.get(3).request())), stored, "each of the others stored alone");
        assertEquals(List.of(List.of(new DueRequest("r1", "orders", null, false), new DueRequest("r4", "orders", Duration.ofMinutes(5), true))),
                announced, "the stored ones announced once, r2 never");
    }
}
