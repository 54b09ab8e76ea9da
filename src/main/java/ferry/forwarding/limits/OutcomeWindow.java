package ferry.forwarding.limits;

import java.util.Arrays;

/**
 * The most recent outcomes as a ring, with the number of failures among them kept up to date,
 * so the breaker reads its failure rate without walking the window. Not thread-safe: the
 * breaker guards it.
 */
final class OutcomeWindow {

    private final boolean[] failed;
    private int next;
    private int size;
    private int failures;

    OutcomeWindow(int capacity) {
        this.failed = new boolean[capacity];
    }

    void add(boolean failure) {
        if (size == failed.length) {
            if (failed[next]) {
                failures--;
            }
        } else {
            size++;
        }
        failed[next] = failure;
        if (failure) {
            failures++;
        }
        next = (next + 1) % failed.length;
    }

    int size() {
        return size;
    }

    int capacity() {
        return failed.length;
    }

    /** Each outcome held, the oldest first. */
    void forEachOldestFirst(java.util.function.Consumer<Boolean> action) {
        int start = size == failed.length ? next : 0;
        for (int i = 0; i < size; i++) {
            action.accept(failed[(start + i) % failed.length]);
        }
    }

    int failures() {
        return failures;
    }

    void clear() {
        Arrays.fill(failed, false);
        next = 0;
        size = 0;
        failures = 0;
    }
}
