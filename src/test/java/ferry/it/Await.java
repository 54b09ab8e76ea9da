package ferry.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline: the only way tests here wait. */
public final class Await {

    private Await() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Gateway.pause(50);
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
        }
    }
}
