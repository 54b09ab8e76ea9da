package ferry.platform.control;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the start has done so far, for readiness: a flag per step that only the step itself can
 * tell (the schema is migrated once Flyway returns; nothing else can ask Flyway cheaply).
 */
@ApplicationScoped
public class StartupProgress {

    private volatile boolean migrated;

    public void migrated() {
        migrated = true;
    }

    public boolean isMigrated() {
        return migrated;
    }
}
