package ferry.requests.results;

import ferry.platform.concurrent.BatchLoop;
import ferry.platform.control.Destinations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Topic;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Announces that a request has finished, on the broker topic {@code ferry.events}, so that every
 * node hears it (long-polls and sync calls may wait on another node than the one that
 * forwarded). An event is a wake-up hint, never the record: a waiter that misses one answers
 * from the row when its time is up. So events are sent only after the finishing transaction
 * has committed, non-persistent, in batches from one thread of their own, instead of as a
 * persistent message inside that transaction (which made every outcome a two-phase commit with
 * the broker: issue 6). Waiters on this node are woken directly, without the broker round trip
 * (sync mode's latency).
 */
@ApplicationScoped
public class CompletionEvents {

    private static final Logger LOG = Logger.getLogger(CompletionEvents.class.getName());
    private static final int MAX_PENDING = 100_000;

    @Resource(lookup = "jms/ferry")
    ConnectionFactory connectionFactory;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    Waiters waiters;

    private BatchLoop<String> sending;

    @PostConstruct
    void start() {
        sending = new BatchLoop<>("ferry-completion-events", threads, 1, MAX_PENDING, 1000, this::send);
    }

    /** The request finishes in the current transaction: announce it once that commits. */
    public void finished(String requestId) {
        if (transactions.getTransactionKey() == null) {
            offer(requestId);
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    offer(requestId);
                }
            }
        });
    }

    private void offer(String requestId) {
        if (!sending.offer(requestId)) {
            LOG.fine("Completion event dropped (queue full); waiters answer at their time-out");
        }
    }

    private void send(List<String> batch) {
        // This node's waiters at once (the topic's copy then finds nobody here), the other
        // nodes' through the topic.
        batch.forEach(waiters::finished);
        try (JMSContext context = connectionFactory.createContext()) {
            Topic topic = context.createTopic(Destinations.EVENTS);
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            batch.forEach(id -> producer.send(topic, id));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, batch.size() + " completion events not sent; waiters answer at their time-out", e);
        }
    }

    @PreDestroy
    void stop() {
        sending.close(); // events are hints: waiters answer at their time-out
    }
}
