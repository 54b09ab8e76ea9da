package ferry.requests.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.platform.problems.Problem;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PreferencesTest {

    @Test
    void noHeaderMeansNoPreference() {
        Preferences p = Preferences.parse(null);
        assertFalse(p.respondAsync());
        assertEquals(OptionalInt.empty(), p.waitSeconds());
    }

    @Test
    void respondAsyncAndWaitTogetherAnyCase() {
        Preferences p = Preferences.parse("Respond-Async, WAIT=10");
        assertTrue(p.respondAsync());
        assertEquals(OptionalInt.of(10), p.waitSeconds());
    }

    @Test
    void waitIsClampedToTwentyFiveSecondsAndZero() {
        assertEquals(OptionalInt.of(25), Preferences.parse("wait=600").waitSeconds());
        assertEquals(OptionalInt.of(0), Preferences.parse("wait=-3").waitSeconds());
    }

    @Test
    void parametersAndUnknownPreferencesAreIgnored() {
        Preferences p = Preferences.parse("return=minimal; foo=bar, wait=5; x=y, handling=lenient");
        assertFalse(p.respondAsync());
        assertEquals(OptionalInt.of(5), p.waitSeconds());
    }

    @Test
    void anUnreadableWaitPreferenceIsIgnoredAsRfc7240Asks() {
        assertEquals(OptionalInt.empty(), Preferences.parse("wait=soon").waitSeconds());
    }

    @Test
    void anUnreadableWaitQueryParameterIsTheClientsError() {
        Problem p = assertThrows(Problem.class, () -> Preferences.seconds("soon"));
        assertEquals(400, p.status());
        assertEquals(7, Preferences.seconds("\"7\""));
    }
}
