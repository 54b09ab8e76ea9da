package ferry.forwarding.target;

import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many bytes of targets' answers this node holds in memory at once, from the first byte read
 * until the answer is recorded: up to {@code ferry.forwarding.in-flight} answers of 10 MiB each
 * would not fit the heap. A reader waits for room (the target's connection is then simply read
 * more slowly: backpressure), at most until its attempt's deadline, when it ends as a time-out.
 */
final class ResponseBudget {

    /** Counted in KiB, so that a budget of gigabytes fits a semaphore. */
    private static final int UNIT = 1024;

    private final Semaphore units;

    ResponseBudget(long bytes) {
        this.units = new Semaphore((int) Math.min(Integer.MAX_VALUE, Math.max(MIN_UNITS, bytes / UNIT)));
    }

    /** Room for at least one answer read to the end of the largest chunk a reader asks for. */
    private static final int MIN_UNITS = 64;

    /** What one answer holds; grows as it is read. */
    final class Hold {
        private int held;

        /** Waits for room for {@code bytes} in all, until {@code deadlineNanos} ({@link System#nanoTime}). */
        void cover(long bytes, long deadlineNanos) throws InterruptedIOException {
            int needed = (int) Math.min(Integer.MAX_VALUE, (bytes + UNIT - 1) / UNIT) - held;
            if (needed <= 0) {
                return;
            }
            try {
                if (!units.tryAcquire(needed, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw new InterruptedIOException("no room to read the answer before the attempt's deadline");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for room to read the answer");
            }
            held += needed;
        }

        void release() {
            units.release(held);
            held = 0;
        }
    }

    Hold hold() {
        return new Hold();
    }

    int available() {
        return units.availablePermits();
    }
}
