package ferry.platform.concurrent;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit for a step that many threads perform one item at a time: each caller hands in
 * its item and waits for its own result, while a {@link BatchLoop} runs the step once for
 * whatever arrived together, typically in one transaction. Sixteen forwarders sharing one commit
 * do sixteen times the work for it.
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

    private final Function<List<I>, List<O>> step;
    private final BatchLoop<Entry<I, O>> loop;

    public Batcher(String name, ThreadFactory threads, int workerCount, int maxBatch,
                   Function<List<I>, List<O>> step) {
        this.step = step;
        this.loop = new BatchLoop<>(name, threads, workerCount, Math.max(maxBatch * workerCount * 4, 64), maxBatch,
                this::run);
    }

    /** @return completes with the item's result once its batch has run */
    public CompletableFuture<O> submit(I input) {
        Entry<I, O> entry = new Entry<>(input, new CompletableFuture<>());
        try {
            if (!loop.put(entry)) {
                entry.result().completeExceptionally(new IllegalStateException("stopping"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            entry.result().completeExceptionally(e);
        }
        return entry.result();
    }

    private void run(List<Entry<I, O>> batch) {
        try {
            complete(batch, step.apply(batch.stream().map(Entry::input).toList()));
        } catch (Error e) {
            // Out of memory, say: no caller may be left waiting for an answer that never comes.
            batch.forEach(entry -> entry.result().completeExceptionally(e));
            throw e;
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).result().completeExceptionally(e);
                return;
            }
            LOG.log(Level.FINE, "A batch of " + batch.size() + " failed; running its items one by one", e);
            for (Entry<I, O> entry : batch) {
                try {
                    complete(List.of(entry), step.apply(List.of(entry.input())));
                } catch (RuntimeException | Error alone) {
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
        loop.close().forEach(left -> left.result().completeExceptionally(new IllegalStateException("stopping")));
    }
}
