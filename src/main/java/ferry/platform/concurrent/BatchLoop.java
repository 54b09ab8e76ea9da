package ferry.platform.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Worker threads that each take whatever arrived while their previous batch was being handled
 * (no artificial wait), up to a bound, and hand it over in one call: the shape of every group
 * commit in Ferry (intake, claims and outcomes, queue messages, completion events). A commit
 * costs far more than a row on this machine's stores (FIELD-NOTES), so items that arrive together
 * share one. The queue is bounded; whoever adds an item chooses between refusing
 * ({@link #offer}) and waiting for room ({@link #put}).
 *
 * @param <T> what is batched
 */
public final class BatchLoop<T> {

    private static final Logger LOG = Logger.getLogger(BatchLoop.class.getName());

    private final String name;
    private final BlockingQueue<T> queue;
    private final int maxBatch;
    private final ToLongFunction<T> weight;
    private final long maxWeight;
    private final Consumer<List<T>> handle;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean open = true;

    /**
     * @param handle called with each batch (a list valid only during the call); what it throws,
     *               errors included, is logged, and the next batch goes on
     */
    public BatchLoop(String name, ThreadFactory threads, int workerCount, int capacity, int maxBatch,
                     Consumer<List<T>> handle) {
        this(name, threads, workerCount, capacity, maxBatch, item -> 0, Long.MAX_VALUE, handle);
    }

    /**
     * A loop whose batches are also bounded by weight: a batch takes items while their weights
     * add up to at most {@code maxWeight} (one item at least, however heavy). For intake, whose
     * weight is bytes of bodies: the database serializes a commit's changes into one buffer,
     * so a group of many large bodies needs that much heap at once.
     */
    public BatchLoop(String name, ThreadFactory threads, int workerCount, int capacity, int maxBatch,
                     ToLongFunction<T> weight, long maxWeight, Consumer<List<T>> handle) {
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.weight = weight;
        this.maxWeight = maxWeight;
        this.handle = handle;
        for (int i = 0; i < workerCount; i++) {
            Thread worker = threads.newThread(this::work);
            worker.setName(name + "-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    /** Items waiting for a batch now (for the metrics). */
    public int waiting() {
        return queue.size();
    }

    /** @return false if the queue is full or the loop is closed (the item was not taken) */
    public boolean offer(T item) {
        return open && queue.offer(item);
    }

    /** Adds the item, waiting for room. @return false if the loop was closed (nobody will take it) */
    public boolean put(T item) throws InterruptedException {
        queue.put(item);
        return open;
    }

    private void work() {
        List<T> batch = new ArrayList<>(maxBatch);
        T carried = null; // the item that would have made the last batch too heavy: it starts the next
        while (open) {
            try {
                T first = carried != null ? carried : queue.poll(500, TimeUnit.MILLISECONDS);
                carried = null;
                if (first == null) {
                    continue;
                }
                batch.add(first);
                if (maxWeight == Long.MAX_VALUE) {
                    queue.drainTo(batch, maxBatch - 1);
                } else {
                    long total = weight.applyAsLong(first);
                    T next;
                    while (batch.size() < maxBatch && (next = queue.poll()) != null) {
                        long w = weight.applyAsLong(next);
                        if (total + w > maxWeight) {
                            carried = next;
                            break;
                        }
                        total += w;
                        batch.add(next);
                    }
                }
                handle.accept(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                // An Error too (OutOfMemoryError above all): a worker that died would stop this
                // loop's work until a restart; the handler answers its own batch (see Batcher).
                LOG.log(Level.SEVERE, name + ": a batch of " + batch.size() + " failed", e);
            } finally {
                batch.clear();
            }
        }
        if (carried != null) {
            handle.accept(List.of(carried)); // closing: its caller is answered, not left waiting
        }
    }

    /** Stops the workers. @return the items still waiting, for the owner to answer */
    public List<T> close() {
        open = false;
        workers.forEach(Thread::interrupt);
        List<T> left = new ArrayList<>();
        queue.drainTo(left);
        return left;
    }
}
