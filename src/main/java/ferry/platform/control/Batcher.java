package ferry.platform.control;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit for a step that many threads perform one item at a time: each caller hands in
 * its item and waits; a worker takes whatever arrived while the previous batch ran (no
 * artificial wait), up to a bound, and runs the step once for all of them, typically in one
 * transaction. A commit costs far more than a row on this machine's stores (FIELD-NOTES), so
 * sixteen forwarders sharing one commit do sixteen times the work for it.
 *
 * <p>If a batch of several fails, each item is run again alone, so one bad item fails only its
 * own caller. The queue is bounded: a caller waits for room rather than piling up work.
 *
 * @param <I> what a caller hands in
 * @param <O> what it gets back (the step answers one result per item, in order)
 */
public final class Batcher<I, O> {

    private static final Logger LOG = Logger.getLogger(Batcher.class.getName());

    private record Entry<I, O>(I input, CompletableFuture<O> result) {
    }

    private final BlockingQueue<Entry<I, O>> queue;
    private final Function<List<I>, List<O>> step;
    private final int maxBatch;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean open = true;

    public Batcher(String name, ThreadFactory threads, int workerCount, int maxBatch,
                   Function<List<I>, List<O>> step) {
        this.queue = new ArrayBlockingQueue<>(Math.max(maxBatch * workerCount * 4, 64));
        this.step = step;
        this.maxBatch = maxBatch;
        for (int i = 0; i < workerCount; i++) {
            Thread worker = threads.newThread(this::work);
            worker.setName(name + "-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    /** @return completes with the item's result once its batch has run */
    public CompletableFuture<O> submit(I input) {
        Entry<I, O> entry = new Entry<>(input, new CompletableFuture<>());
        try {
            queue.put(entry);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            entry.result().completeExceptionally(e);
        }
        if (!open) {
            entry.result().completeExceptionally(new IllegalStateException("stopping"));
        }
        return entry.result();
    }

    private void work() {
        List<Entry<I, O>> batch = new ArrayList<>(maxBatch);
        while (open) {
            try {
                Entry<I, O> first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                batch.forEach(entry -> entry.result().completeExceptionally(e)); // never leave a caller waiting
            } finally {
                batch.clear();
            }
        }
    }

    private void run(List<Entry<I, O>> batch) {
        try {
            complete(batch, step.apply(batch.stream().map(Entry::input).toList()));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).result().completeExceptionally(e);
                return;
            }
            LOG.log(Level.FINE, "A batch of " + batch.size() + " failed; running its items one by one", e);
            for (Entry<I, O> entry : batch) {
                try {
                    complete(List.of(entry), step.apply(List.of(entry.input())));
                } catch (RuntimeException alone) {
                    entry.result().completeExceptionally(alone);
                }
            }
        }
    }

    private static <I, O> void complete(List<Entry<I, O>> batch, List<O> results) {
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
        }
    }

    public void close() {
        open = false;
        workers.forEach(Thread::interrupt);
        Entry<I, O> left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new IllegalStateException("stopping"));
        }
    }
}
