package ferry.platform.control;

import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

/**
 * Row locks for sweeps that several nodes run at once: {@code FOR UPDATE SKIP LOCKED}, so that
 * each takes rows the others do not hold instead of waiting for them. JPA has no portable way
 * to ask for it; Hibernate reads the lock time-out {@code -2} ({@code LockOptions.SKIP_LOCKED})
 * as skip-locked, and emits it where the dialect has it (PostgreSQL; on H2 a plain
 * {@code FOR UPDATE}). The one place that relies on the provider for it.
 */
public final class SkipLocked {

    private SkipLocked() {
    }

    /** Locks what {@code query} returns, at most {@code max} rows, skipping rows others hold. */
    public static <T> java.util.List<T> lockAtMost(TypedQuery<T> query, int max) {
        return query.setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", org.hibernate.LockOptions.SKIP_LOCKED)
                .setMaxResults(max)
                .getResultList();
    }
}
