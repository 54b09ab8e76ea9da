package ferry.requests.entity;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of an accepted request (CONTRACT.md §4), with every allowed transition here:
 * queued → processing → completed | retrying → processing … | failed; canceled from queued or
 * retrying. A failed or canceled request may be queued again by an explicit retry.
 */
public enum RequestState {
    QUEUED, PROCESSING, RETRYING, COMPLETED, FAILED, CANCELED;

    /** Waiting for an attempt: due now or later, claimable once due. */
    public static final Set<RequestState> WAITING = Collections.unmodifiableSet(EnumSet.of(QUEUED, RETRYING));
    /** Not ended yet: waiting or in flight. */
    public static final Set<RequestState> UNFINISHED = Collections.unmodifiableSet(EnumSet.of(QUEUED, PROCESSING, RETRYING));

    public boolean isWaiting() {
        return WAITING.contains(this);
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELED;
    }

    public boolean canMoveTo(RequestState next) {
        return allowedNext().contains(next);
    }

    private Set<RequestState> allowedNext() {
        return switch (this) {
            case QUEUED, RETRYING -> EnumSet.of(PROCESSING, CANCELED, FAILED);
            // back to QUEUED/RETRYING when an attempt is abandoned (lease expired, proxy paused)
            case PROCESSING -> EnumSet.of(COMPLETED, RETRYING, FAILED, QUEUED);
            case FAILED, CANCELED -> EnumSet.of(QUEUED);
            case COMPLETED -> EnumSet.noneOf(RequestState.class);
        };
    }

    /** The lower-case name used in JSON and headers. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
