package ferry.intake.control;

import ferry.platform.problems.Problem;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many bytes of request bodies intake holds in memory at once, from the first byte read until
 * the request's group has committed: counts alone (10,000 queued, up to 10 MiB each) would let a
 * burst of large bodies exhaust the heap. Beyond the budget a request is refused with {@code 503}
 * and {@code Retry-After}, never an {@code OutOfMemoryError} for everyone.
 */
@ApplicationScoped
public class BodyBudget {

    /** Counted in KiB, so that a budget of gigabytes fits a semaphore. */
    private static final int UNIT = 1024;

    /** The most the default budget takes, whatever the heap. */
    static final long DEFAULT_CAP = 256L * 1024 * 1024;

    /** Unset: a quarter of the heap, at most {@link #DEFAULT_CAP} ({@link #defaultFor}). */
    @Inject
    @ConfigProperty(name = "ferry.intake.body-bytes-in-memory")
    Optional<Long> configured;

    private Semaphore units;

    @PostConstruct
    void start() {
        long budgetBytes = configured.orElseGet(() -> defaultFor(Runtime.getRuntime().maxMemory()));
        units = new Semaphore((int) Math.min(Integer.MAX_VALUE, Math.max(1, budgetBytes / UNIT)));
    }

    /**
     * The budget when none is configured: a quarter of the heap, at most 256 MiB. Bodies are not
     * all the heap holds while they are: H2 writes a commit's chunks through one buffer that
     * doubles as it grows (~64 MiB for two writers' 16 MiB groups), and forwarding holds answers.
     * Half of a 512 MiB heap for bodies ran H2 out of memory in the middle of a commit, which
     * left its file corrupt (LargeBodiesIT, issue 17): a quarter leaves that room.
     */
    static long defaultFor(long maxHeapBytes) {
        return Math.min(DEFAULT_CAP, maxHeapBytes / 4);
    }

    /** A budget of {@code bytes}, for tests and for code outside CDI. */
    static BodyBudget of(long bytes) {
        BodyBudget budget = new BodyBudget();
        budget.configured = Optional.of(bytes);
        budget.start();
        return budget;
    }

    public Hold hold() {
        return new Hold();
    }

    /** What one request holds; grows as its body is read, released once (any further call is a no-op). */
    public final class Hold {
        private int held;
        private final AtomicBoolean released = new AtomicBoolean();

        /** @throws Problem 503 if the budget cannot cover {@code bytes} in all */
        public void cover(long bytes) {
            int needed = (int) Math.min(Integer.MAX_VALUE, (bytes + UNIT - 1) / UNIT) - held;
            if (needed <= 0) {
                return;
            }
            if (!units.tryAcquire(needed)) {
                throw Problem.unavailable("Too many request bodies are being received at once; nothing was accepted."
                        + " Try again shortly.");
            }
            held += needed;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                units.release(held);
            }
        }
    }
}
