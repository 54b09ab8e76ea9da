package ferry.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.forwarding.attempts.RecoveryRun;
import ferry.intake.control.GroupCommit;
import ferry.platform.control.Destinations;
import ferry.proxies.entity.EntryPoint;
import ferry.requests.dispatch.Dispatch;
import ferry.requests.dispatch.DispatchBatches;
import ferry.intake.control.RequestStore;
import ferry.platform.boundary.EmbeddedBroker;
import ferry.proxies.control.ProxyStore;
import ferry.proxies.control.ProxySpec;
import ferry.requests.control.RequestFinisher;
import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.RollbackException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In the container, with the real resource adapter, broker and database. Intake stores a
 * group's rows in one database transaction and only then answers and queues them
 * (DESIGN.md invariant 2, "the row commits and a sweep guarantees the message"): a failed group
 * answers nobody with success and queues nothing. Retries still couple their row update and
 * their scheduled message in one XA transaction, so that wiring is checked here too. The
 * broker's own counter of messages added to {@code ferry.forward} tells whether a message was
 * ever sent. The counter is updated asynchronously after a commit, so each reading is "settled"
 * first: a marker request is stored and awaited until the forwarder has handled it; every
 * message committed before the marker has then been counted.
 */
@ExtendWith(ArquillianExtension.class)
class StoreTransactionIT {

    @Deployment
    static WebArchive deployment() {
        File war = new File(System.getProperty("ferry.bundle", "target/bundle"), "ferry.war");
        return ShrinkWrap.createFromZipFile(WebArchive.class, war).addClass(StoreTransactionIT.class);
    }

    @Inject
    RequestStore store;

    @Inject
    GroupCommit intake;

    @Inject
    Dispatch dispatch;

    @Inject
    DispatchBatches dispatchBatches;

    @Inject
    EmbeddedBroker broker;

    @Resource(lookup = "jdbc/ferry")
    DataSource dataSource;

    @Resource
    UserTransaction transaction;

    @Inject
    ProxyStore proxies;

    @Inject
    RecoveryRun recoveryRun;

    @Inject
    RequestFinisher finisher;

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Test
    void acceptedRequestsAreStoredThenQueued() throws Exception {
        long before = settledCount();
        List<ForwardRequest> requests = List.of(request(), request(), request());
        List<java.util.concurrent.CompletableFuture<Void>> accepted =
                requests.stream().map(r -> intake.submit(r, null, false)).toList();
        accepted.forEach(java.util.concurrent.CompletableFuture::join);
        for (ForwardRequest r : requests) {
            assertEquals(1, rows(r.getId()), "accepted but not stored");
        }
        // Requests announced together share a message (ForwardMessages): one to three for the
        // three, then the marker's. Each of them is taken off the queue (its proxy does not
        // exist, so its claim ends it): its id was in one of those messages.
        long added = settledCount() - before;
        assertTrue(added >= 2 && added <= 4, "the three requests' messages and the marker's: " + added);
        for (ForwardRequest r : requests) {
            awaitAtLeast("request " + r.getId() + " taken off the queue", () -> !"QUEUED".equals(state(r.getId())));
        }
    }

    @Test
    void aFailedGroupAcceptsNothingAndQueuesNothing() throws Exception {
        ForwardRequest existing = request();
        intake.submit(existing, null, false).join();
        long before = settledCount();
        ForwardRequest clash = new ForwardRequest(existing.getId(), "no-such-proxy", EntryPoint.ASYNC, "POST", "y", null,
                "{}", null, "k3", Instant.now(), Instant.now());
        var refused = intake.submit(clash, null, false);
        assertThrows(java.util.concurrent.CompletionException.class, refused::join, "a failed store was accepted");
        assertEquals(before + 1, settledCount(), "a message of a failed group was sent (only the marker's expected)");
    }

    @Test
    void aGroupIsStoredWholeOrNotAtAll() throws Exception {
        ForwardRequest existing = request();
        store.storeAll(List.of(existing));
        List<ForwardRequest> good = List.of(request(), request(), request());
        store.storeAll(good);
        for (ForwardRequest p : good) {
            assertEquals(1, rows(p.getId()));
        }
        ForwardRequest clash = new ForwardRequest(existing.getId(), "no-such-proxy", EntryPoint.ASYNC, "POST", "y", null,
                "{}", null, "k3", Instant.now(), Instant.now());
        List<ForwardRequest> bad = List.of(request(), request(), clash);
        assertThrows(RuntimeException.class, () -> store.storeAll(bad));
        assertEquals(0, rows(bad.get(0).getId()), "a member of a failed group was stored");
        assertEquals(0, rows(bad.get(1).getId()), "a member of a failed group was stored");
    }

    @Test
    void rowAndMessageOfOneTransactionCommitTogether() throws Exception {
        long before = settledCount();
        ForwardRequest request = request();
        transaction.begin();
        store.storeAll(List.of(request));
        dispatch.enqueue(request, null);
        transaction.commit();
        assertEquals(1, rows(request.getId()));
        assertEquals(before + 2, settledCount(), "the request's message and the marker's");
    }

    @Test
    void databaseFailureAfterTheSendRollsTheMessageBack() throws Exception {
        ForwardRequest first = request();
        store.storeAll(List.of(first));
        long before = settledCount();
        // Same id again: the message is sent first, the insert fails when it is flushed.
        ForwardRequest duplicate = new ForwardRequest(first.getId(), "no-such-proxy", EntryPoint.ASYNC, "PUT", "other", null,
                "{}", null, "k2", Instant.now(), Instant.now());
        transaction.begin();
        dispatch.enqueue(duplicate, null);
        assertThrows(RuntimeException.class, () -> store.storeAll(List.of(duplicate)));
        transaction.rollback();
        assertEquals(before + 1, settledCount(), "the message of a rolled-back transaction was delivered");
        assertEquals(1, rows(first.getId()));
    }

    @Test
    void participantThatCannotCommitLeavesNeitherRowNorMessage() throws Exception {
        long before = settledCount();
        ForwardRequest request = request();
        transaction.begin();
        // Payara's name for the transaction manager: this test is about Payara's wiring.
        TransactionManager manager = (TransactionManager) new InitialContext().lookup("java:appserver/TransactionManager");
        manager.getTransaction().enlistResource(new RefusingResource());
        store.storeAll(List.of(request));
        dispatch.enqueue(request, null);
        assertThrows(RollbackException.class, transaction::commit);
        assertEquals(0, rows(request.getId()), "the row of a rolled-back transaction was stored");
        assertEquals(before + 1, settledCount(), "the message of a rolled-back transaction was delivered");
    }

    /**
     * A resume queues a proxy's waiting requests batch after batch, each starting where the last
     * ended in (acceptance time, id) order: requests accepted in the same instant are neither
     * skipped nor queued twice across a batch boundary (issue 18).
     */
    @Test
    void resumeBatchesQueueEveryWaitingRequestOnceAcrossEqualAcceptanceTimes() throws Exception {
        String proxy = "arq-resume-" + UUID.randomUUID().toString().substring(0, 8);
        Instant sameInstant = Instant.now();
        List<ForwardRequest> waiting = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(new ForwardRequest(UUID.randomUUID().toString(), proxy, EntryPoint.ASYNC, "POST", "x", null, "{}",
                    null, "key", sameInstant, sameInstant));
        }
        store.storeAll(waiting); // stored, not announced: none is marked dispatched
        for (ForwardRequest r : waiting) {
            assertEquals(Boolean.FALSE, dispatched(r.getId()));
        }
        int batches = 0;
        DispatchBatches.WaitingCursor after = DispatchBatches.WaitingCursor.START;
        while ((after = dispatchBatches.requeueWaitingAfter(proxy, RequestState.QUEUED, after, 2)) != null) {
            batches++;
            assertTrue(batches <= 3, "a batch repeated requests already queued");
        }
        assertEquals(3, batches, "five requests in batches of two");
        for (ForwardRequest r : waiting) {
            // queued again (marked), or already taken off the queue by the listener (its proxy
            // does not exist, so the claim ends it)
            assertTrue(Boolean.TRUE.equals(dispatched(r.getId())) || !"QUEUED".equals(state(r.getId())),
                    "request " + r.getId() + " was skipped by the resume");
        }
    }

    /**
     * A row whose message was lost (stored, never announced) is queued again by the sweep even
     * while the queue holds due messages: the row knows it has none (issue 11). The queue is
     * paused so that the fillers stay due; before, the sweep waited for an empty queue.
     */
    @Test
    void aLostMessageIsQueuedAgainWhateverTheQueueHolds() throws Exception {
        var queue = broker.server().locateQueue(Destinations.FORWARD);
        queue.pause();
        try {
            List<String> fillers = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ForwardRequest filler = request();
                intake.submit(filler, null, false).join(); // announced: their messages wait, due
                fillers.add(filler.getId());
            }
            // Requests announced together share a message (ForwardMessages): the rows say when theirs is sent.
            awaitAtLeast("the fillers' messages", () -> queue.getMessageCount() >= 1
                    && fillers.stream().allMatch(id -> Boolean.TRUE.equals(dispatchedOrNull(id))));
            Instant longAgo = Instant.now().minusSeconds(3600);
            ForwardRequest lost = new ForwardRequest(UUID.randomUUID().toString(), "no-such-proxy", EntryPoint.ASYNC,
                    "POST", "lost", null, "{}", null, "lost", longAgo, longAgo);
            store.storeAll(List.of(lost)); // committed, but no message was ever sent for it
            assertEquals(Boolean.FALSE, dispatched(lost.getId()));
            long before = queue.getMessagesAdded();

            recoveryRun.batch(); // the batch, or row by row if another test left a row it cannot handle

            awaitAtLeast("a message for the lost request", () -> queue.getMessagesAdded() >= before + 1);
            assertEquals(Boolean.TRUE, dispatched(lost.getId()), "the row knows its message exists now");
        } finally {
            queue.resume();
        }
    }

    /**
     * A row marked dispatched whose message is gone anyway (a crash while a two-phase commit was
     * in doubt) is queued again once it is ferry.recovery.stale-after (default 10 min) past due:
     * the mark alone must not keep a request waiting forever.
     */
    @Test
    void aMarkedRowLongPastDueIsQueuedAgain() throws Exception {
        var queue = broker.server().locateQueue(Destinations.FORWARD);
        queue.pause();
        try {
            long before = queue.getMessagesAdded(); // before the row exists: the timer's sweep may find it first
            Instant longAgo = Instant.now().minusSeconds(3600);
            ForwardRequest stale = new ForwardRequest(UUID.randomUUID().toString(), "no-such-proxy", EntryPoint.ASYNC,
                    "POST", "stale", null, "{}", null, "stale", longAgo, longAgo);
            store.storeAll(List.of(stale));
            try (Connection c = dataSource.getConnection();
                 PreparedStatement s = c.prepareStatement("update forward_request set dispatched = true where id = ?")) {
                s.setString(1, stale.getId());
                assertEquals(1, s.executeUpdate());
            }

            recoveryRun.batch();

            awaitAtLeast("a message for the stale request", () -> queue.getMessagesAdded() >= before + 1);
            Object next = column("next_attempt_at", stale.getId());
            Instant nextAt = next instanceof java.sql.Timestamp t ? t.toInstant()
                    : ((java.time.OffsetDateTime) next).toInstant();
            assertTrue(nextAt.isAfter(longAgo.plusSeconds(3000)), "not stale again before another period: " + nextAt);
        } finally {
            queue.resume();
        }
    }

    @Test
    void announcedRowsAreMarkedDispatchedWithTheirMessage() throws Exception {
        ForwardRequest request = new ForwardRequest(UUID.randomUUID().toString(), "no-such-proxy", EntryPoint.ASYNC,
                "POST", "later", null, "{}", null, "later", Instant.now().plusSeconds(3600), Instant.now());
        intake.submit(request, java.time.Duration.ofHours(1), false).join(); // a scheduled message: stays put
        awaitAtLeast("the row marked dispatched", () -> Boolean.TRUE.equals(dispatched(request.getId())));
    }

    /**
     * One row the sweep cannot handle (its proxy's stored settings are corrupt) fails its batch;
     * the sweep then takes the rows one by one, and the others are still recovered (issue 11).
     */
    @Test
    void oneRowThatCannotBeSweptStopsNoOtherRecovery() throws Exception {
        if (proxies.find("arq-corrupt").isEmpty()) {
            ProxySpec spec = new ProxySpec();
            spec.id = "arq-corrupt";
            spec.targetUrl = "http://127.0.0.1:1/v1";
            spec.clientAuth = new ProxySpec.ClientAuth();
            spec.clientAuth.type = "none";
            proxies.create(spec);
        }
        ForwardRequest cut = new ForwardRequest(UUID.randomUUID().toString(), "arq-corrupt", EntryPoint.ASYNC,
                "POST", "cut", null, "{}", null, "cut", Instant.now(), Instant.now());
        store.storeAll(List.of(cut));
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("update proxy set settings = '{corrupt' where id = 'arq-corrupt'")) {
                s.executeUpdate();
            }
            // Its attempt was cut off by a crash: in flight, lease long run out.
            try (PreparedStatement s = c.prepareStatement("update forward_request set state = 'PROCESSING',"
                    + " lease_owner = 'gone', lease_until = ?, attempts = 1 where id = ?")) {
                s.setObject(1, java.time.OffsetDateTime.now().minusHours(1));
                s.setString(2, cut.getId());
                s.executeUpdate();
            }
        }
        var queue = broker.server().locateQueue(Destinations.FORWARD);
        queue.pause();
        try {
            Instant longAgo = Instant.now().minusSeconds(3600);
            ForwardRequest lost = new ForwardRequest(UUID.randomUUID().toString(), "no-such-proxy", EntryPoint.ASYNC,
                    "POST", "lost-too", null, "{}", null, "lost-too", longAgo, longAgo);
            store.storeAll(List.of(lost));

            recoveryRun.batch();

            assertEquals(Boolean.TRUE, dispatched(lost.getId()), "the other row was recovered");
            assertEquals("PROCESSING", state(cut.getId()), "the bad row is left as it was");
        } finally {
            queue.resume();
        }
    }

    /**
     * The webhook delivery of an ending is written in the ending's transaction (CONTRACT.md §8):
     * rolled back with it, committed with it. No ending without its delivery, nor the reverse.
     */
    @Test
    void anEndingAndItsWebhookDeliveryCommitTogether() throws Exception {
        if (proxies.find("arq-hook").isEmpty()) {
            ProxySpec spec = new ProxySpec();
            spec.id = "arq-hook";
            spec.targetUrl = "http://127.0.0.1:1";
            spec.clientAuth = new ProxySpec.ClientAuth();
            spec.clientAuth.type = "none";
            spec.callback = new ProxySpec.Callback();
            spec.callback.url = "http://127.0.0.1:1/hook"; // nothing listens: attempts fail, the row stays
            spec.callback.secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
            proxies.create(spec);
            proxies.pause("arq-hook"); // nothing forwards it: this test ends it
        }
        for (boolean commit : new boolean[] {false, true}) {
            ForwardRequest request = new ForwardRequest(UUID.randomUUID().toString(), "arq-hook", EntryPoint.ASYNC,
                    "POST", "x", null, "{}", null, "hook", Instant.now(), Instant.now());
            store.storeAll(List.of(request));
            transaction.begin();
            finisher.finish(em.find(ForwardRequest.class, request.getId()), RequestState.FAILED, "deadline-exceeded",
                    "ended by the test", 60, Instant.now());
            em.flush();
            if (commit) {
                transaction.commit();
            } else {
                transaction.rollback();
            }
            assertEquals(commit ? "FAILED" : "QUEUED", state(request.getId()));
            assertEquals(commit ? 1 : 0, deliveries(request.getId()), commit ? "committed without its delivery"
                    : "a rolled-back ending left a delivery");
        }
    }

    /** A request whose proxy is gone can never be sent: it fails (proxy-deleted) instead of waiting forever. */
    @Test
    void aRequestWhoseProxyIsGoneFails() throws Exception {
        ForwardRequest orphan = request();
        intake.submit(orphan, null, false).join();
        awaitAtLeast("the orphan failed", () -> "FAILED".equals(state(orphan.getId())));
        assertEquals("proxy-deleted", lastErrorType(orphan.getId()));
    }

    /** A target URL stored before definitions were checked for canonical paths fails its requests once. */
    @Test
    void aRequestThatCannotBeSentToItsTargetFails() throws Exception {
        if (proxies.find("arq-bad-target").isEmpty()) {
            ProxySpec spec = new ProxySpec();
            spec.id = "arq-bad-target";
            spec.targetUrl = "http://127.0.0.1:1/v1";
            spec.clientAuth = new ProxySpec.ClientAuth();
            spec.clientAuth.type = "none";
            proxies.create(spec);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("update proxy set target_url = ? where id = ?")) {
            s.setString(1, "http://127.0.0.1:1//v1");
            s.setString(2, "arq-bad-target");
            assertEquals(1, s.executeUpdate());
        }
        ForwardRequest request = new ForwardRequest(UUID.randomUUID().toString(), "arq-bad-target", EntryPoint.ASYNC,
                "POST", "x", null, "{}", null, "bad", Instant.now(), Instant.now());
        intake.submit(request, null, false).join();
        awaitAtLeast("the request failed", () -> "FAILED".equals(state(request.getId())));
        assertEquals("invalid-target", lastErrorType(request.getId()));
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitAtLeast(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within 30 s");
            }
            Thread.sleep(20); // polling with a deadline: the work runs on other threads
        }
    }



    /** Messages added so far, once everything committed before this call has been counted. */
    private long settledCount() throws Exception {
        if (proxies.find("arq-marker").isEmpty()) {
            ProxySpec spec = new ProxySpec();
            spec.id = "arq-marker";
            spec.targetUrl = "http://127.0.0.1:1"; // nothing listens: one connect error, no retry
            spec.clientAuth = new ProxySpec.ClientAuth();
            spec.clientAuth.type = "none";
            spec.retry = new ProxySpec.Retry();
            spec.retry.maxRetries = 0;
            proxies.create(spec);
        }
        ForwardRequest marker = new ForwardRequest(UUID.randomUUID().toString(), "arq-marker", EntryPoint.ASYNC, "POST", "m",
                null, "{}", null, "marker", Instant.now(), Instant.now());
        intake.submit(marker, null, false).join();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"FAILED".equals(state(marker.getId()))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("marker request was not forwarded within 30 s");
            }
            Thread.sleep(20); // polling with a deadline: the forwarder runs on its own threads
        }
        return messagesAdded();
    }


    private static ForwardRequest request() {
        return new ForwardRequest(UUID.randomUUID().toString(), "no-such-proxy", EntryPoint.ASYNC, "POST", "x", null, "{}",
                new byte[] {1, 2, 3}, "key", Instant.now(), Instant.now());
    }

    private int deliveries(String requestId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from webhook_delivery where request_id = ?")) {
            s.setString(1, requestId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private String state(String id) throws Exception {
        return (String) column("state", id);
    }

    private Boolean dispatched(String id) throws Exception {
        return (Boolean) column("dispatched", id);
    }

    /** {@link #dispatched}, for a condition awaited in a lambda. */
    private Boolean dispatchedOrNull(String id) {
        try {
            return dispatched(id);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String lastErrorType(String id) throws Exception {
        return (String) column("last_error_type", id);
    }

    private int rows(String id) throws Exception {
        return ((Number) column("count(*)", id)).intValue();
    }

    /** One value of the request's row, read past JPA (what another transaction committed). */
    private Object column(String expression, String id) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select " + expression + " from forward_request where id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getObject(1) : null;
            }
        }
    }

    private long messagesAdded() {
        var queue = broker.server().locateQueue(Destinations.FORWARD);
        assertTrue(queue != null, "forwarding queue exists");
        return queue.getMessagesAdded();
    }


    /** An XA participant that votes no at prepare, as a failing store would. */
    static final class RefusingResource implements XAResource {
        @Override public int prepare(Xid xid) throws XAException { throw new XAException(XAException.XA_RBROLLBACK); }
        @Override public void commit(Xid xid, boolean onePhase) throws XAException { throw new XAException(XAException.XAER_PROTO); }
        @Override public void rollback(Xid xid) { }
        @Override public void start(Xid xid, int flags) { }
        @Override public void end(Xid xid, int flags) { }
        @Override public void forget(Xid xid) { }
        @Override public Xid[] recover(int flag) { return new Xid[0]; }
        @Override public boolean isSameRM(XAResource other) { return other == this; }
        @Override public int getTransactionTimeout() { return 0; }
        @Override public boolean setTransactionTimeout(int seconds) { return false; }
    }
}
