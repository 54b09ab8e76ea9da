package ferry.platform.control;

/**
 * Whether a failed commit lost an optimistic race: another writer changed the row first (its
 * {@code @Version} moved). Hibernate reports that from a batched update as its own
 * {@code StaleStateException}, not always wrapped in the JPA exception, so both are recognised
 * here and nowhere else.
 */
public final class OptimisticConflict {

    private OptimisticConflict() {
    }

    public static boolean isCauseOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }
}
