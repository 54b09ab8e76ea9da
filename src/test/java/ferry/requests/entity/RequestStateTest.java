package ferry.requests.entity;

import static ferry.requests.entity.RequestState.CANCELED;
import static ferry.requests.entity.RequestState.COMPLETED;
import static ferry.requests.entity.RequestState.FAILED;
import static ferry.requests.entity.RequestState.PROCESSING;
import static ferry.requests.entity.RequestState.QUEUED;
import static ferry.requests.entity.RequestState.RETRYING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestStateTest {

    /** CONTRACT.md §4 and §6: the complete transition table. */
    private static final Map<RequestState, Set<RequestState>> ALLOWED = Map.of(
            QUEUED, EnumSet.of(PROCESSING, CANCELED, FAILED),
            PROCESSING, EnumSet.of(COMPLETED, RETRYING, FAILED, QUEUED),
            RETRYING, EnumSet.of(PROCESSING, CANCELED, FAILED),
            COMPLETED, EnumSet.noneOf(RequestState.class),
            FAILED, EnumSet.of(QUEUED),
            CANCELED, EnumSet.of(QUEUED));

    @Test
    void everyPairFollowsTheTransitionTable() {
        for (RequestState from : RequestState.values()) {
            for (RequestState to : RequestState.values()) {
                assertEquals(ALLOWED.get(from).contains(to), from.canMoveTo(to), from + " -> " + to);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
            "COMPLETED, PROCESSING", "COMPLETED, QUEUED", "COMPLETED, FAILED", "COMPLETED, CANCELED",
            "QUEUED, COMPLETED", "QUEUED, RETRYING", "QUEUED, QUEUED",
            "PROCESSING, CANCELED", "PROCESSING, PROCESSING",
            "RETRYING, COMPLETED", "RETRYING, RETRYING", "RETRYING, QUEUED",
            "FAILED, PROCESSING", "FAILED, COMPLETED", "FAILED, RETRYING",
            "CANCELED, PROCESSING", "CANCELED, COMPLETED", "CANCELED, FAILED"
    })
    void forbiddenTransitions(RequestState from, RequestState to) {
        assertFalse(from.canMoveTo(to), from + " -> " + to);
    }

    @Test
    void onlyCompletedFailedAndCanceledAreTerminal() {
        for (RequestState state : RequestState.values()) {
            assertEquals(Set.of(COMPLETED, FAILED, CANCELED).contains(state), state.isTerminal(), state.name());
        }
    }

    @Test
    void aTerminalStateCanOnlyBeLeftByAnExplicitRetry() {
        for (RequestState state : RequestState.values()) {
            if (state.isTerminal()) {
                for (RequestState next : RequestState.values()) {
                    assertTrue(!state.canMoveTo(next) || next == QUEUED, state + " -> " + next);
                }
            }
        }
    }

    @Test
    void labelsAreTheLowerCaseNames() {
        assertEquals("queued", QUEUED.label());
        assertEquals("processing", PROCESSING.label());
        assertEquals("retrying", RETRYING.label());
        assertEquals("completed", COMPLETED.label());
        assertEquals("failed", FAILED.label());
        assertEquals("canceled", CANCELED.label());
    }

    @Test
    void labelsDoNotDependOnTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertEquals("processing", PROCESSING.label());
        } finally {
            Locale.setDefault(before);
        }
    }
}
