package ferry.platform.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchLoopTest {

    @Test
    void whatArrivesDuringABatchGoesIntoTheNextOneUpToTheBound() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch handled = new CountDownLatch(7);
        List<List<Integer>> batches = java.util.Collections.synchronizedList(new ArrayList<>());
        BatchLoop<Integer> loop = new BatchLoop<>("test", Thread::new, 1, 100, 4, batch -> {
            batches.add(List.copyOf(batch));
            firstStarted.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batch.forEach(i -> handled.countDown());
        });
        assertTrue(loop.offer(0));
        assertTrue(firstStarted.await(5, TimeUnit.SECONDS));
        for (int i = 1; i <= 6; i++) {
            assertTrue(loop.offer(i)); // arrive while batch [0] is being handled
        }
        release.countDown();
        assertTrue(handled.await(5, TimeUnit.SECONDS));
        loop.close();
        assertEquals(List.of(List.of(0), List.of(1, 2, 3, 4), List.of(5, 6)), batches);
    }

    @Test
    void batchesAreAlsoBoundedByWeightAndAHeavyItemGoesAlone() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch handled = new CountDownLatch(7);
        List<List<Integer>> batches = java.util.Collections.synchronizedList(new ArrayList<>());
        // weight = the item itself; at most 10 per batch, however many items
        BatchLoop<Integer> loop = new BatchLoop<>("test", Thread::new, 1, 100, 100, i -> i, 10, batch -> {
            batches.add(List.copyOf(batch));
            firstStarted.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batch.forEach(i -> handled.countDown());
        });
        assertTrue(loop.offer(1));
        assertTrue(firstStarted.await(5, TimeUnit.SECONDS));
        for (int i : new int[] {4, 5, 2, 30, 3, 3}) {
            assertTrue(loop.offer(i)); // arrive while batch [1] is being handled
        }
        release.countDown();
        assertTrue(handled.await(5, TimeUnit.SECONDS));
        loop.close();
        // 4+5 = 9, and 2 more would be 11; 2 alone (30 would make 32); 30 alone, over the bound; 3+3
        assertEquals(List.of(List.of(1), List.of(4, 5), List.of(2), List.of(30), List.of(3, 3)), batches);
    }

    @Test
    void aFullQueueRefusesAndClosingReturnsWhatWaits() throws Exception {
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BatchLoop<Integer> loop = new BatchLoop<>("test", Thread::new, 1, 2, 10, batch -> {
            blocked.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(loop.offer(1));
        assertTrue(blocked.await(5, TimeUnit.SECONDS)); // the worker holds item 1
        assertTrue(loop.offer(2));
        assertTrue(loop.offer(3));
        assertFalse(loop.offer(4), "a full queue must refuse");
        assertEquals(List.of(2, 3), loop.close());
        assertFalse(loop.offer(5), "a closed loop must refuse");
        release.countDown();
    }

    @Test
    void aFailingBatchDoesNotStopTheLoop() throws Exception {
        CountDownLatch second = new CountDownLatch(1);
        BatchLoop<Integer> loop = new BatchLoop<>("test", Thread::new, 1, 10, 1, batch -> {
            if (batch.get(0) == 1) {
                throw new IllegalStateException("first batch fails");
            }
            second.countDown();
        });
        assertTrue(loop.offer(1));
        assertTrue(loop.offer(2));
        assertTrue(second.await(5, TimeUnit.SECONDS));
        loop.close();
    }

    /** An OutOfMemoryError in one batch must not kill the worker: forwarding would stop until a restart. */
    @Test
    void aWorkerSurvivesAnErrorAndHandlesTheNextBatch() throws Exception {
        CountDownLatch afterError = new CountDownLatch(1);
        BatchLoop<Integer> loop = new BatchLoop<>("test", Thread::new, 1, 10, 1, batch -> {
            if (batch.get(0) == 1) {
                throw new OutOfMemoryError("test: no room for this batch");
            }
            afterError.countDown();
        });
        assertTrue(loop.offer(1));
        assertTrue(loop.offer(2));
        assertTrue(afterError.await(5, TimeUnit.SECONDS), "the worker died with the error");
        loop.close();
    }

    /** Every caller of a batch that fails with an Error gets an answer, and the next batch runs. */
    @Test
    void aBatcherAnswersEveryCallerOfABatchThatFailsWithAnError() throws Exception {
        Batcher<Integer, Integer> batcher = new Batcher<>("test", Thread::new, 1, 8, inputs -> {
            if (inputs.contains(1)) {
                throw new OutOfMemoryError("test");
            }
            return inputs.stream().map(i -> i * 10).toList();
        });
        java.util.concurrent.CompletableFuture<Integer> failed = batcher.submit(1);
        java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> failed.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof OutOfMemoryError);
        assertEquals(20, batcher.submit(2).get(5, TimeUnit.SECONDS));
        batcher.close();
    }
}
