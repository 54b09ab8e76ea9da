package ferry.proxies.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** CONTRACT.md §2 {@code mode} and the two entry points of §3/§5. */
class ServingModeTest {

    @Test
    void eachModeServesItsEntryPoints() {
        assertTrue(ServingMode.ASYNC.serves(EntryPoint.ASYNC));
        assertFalse(ServingMode.ASYNC.serves(EntryPoint.SYNC));
        assertTrue(ServingMode.SYNC.serves(EntryPoint.SYNC));
        assertFalse(ServingMode.SYNC.serves(EntryPoint.ASYNC));
        assertTrue(ServingMode.BOTH.serves(EntryPoint.ASYNC));
        assertTrue(ServingMode.BOTH.serves(EntryPoint.SYNC));
    }

    @Test
    void modesAreReadByTheirLowerCaseLabelsOnly() {
        for (ServingMode mode : ServingMode.values()) {
            assertEquals(Optional.of(mode), ServingMode.of(mode.label()));
        }
        assertEquals("both", ServingMode.BOTH.label());
        assertEquals(Optional.empty(), ServingMode.of("BOTH"));
        assertEquals(Optional.empty(), ServingMode.of("proxy"));
        assertEquals(Optional.empty(), ServingMode.of(""));
        assertEquals(Optional.empty(), ServingMode.of(null));
    }

    @Test
    void entryPointsHaveAPathAndALabel() {
        assertEquals("async", EntryPoint.ASYNC.path());
        assertEquals("async", EntryPoint.ASYNC.label());
        assertEquals("proxy", EntryPoint.SYNC.path()); // sync mode is served below /proxy/
        assertEquals("sync", EntryPoint.SYNC.label());
        for (EntryPoint entry : EntryPoint.values()) {
            assertEquals(entry, EntryPoint.of(entry.label()));
        }
        assertEquals(EntryPoint.SYNC, EntryPoint.of("SYNC"));
        assertThrows(IllegalArgumentException.class, () -> EntryPoint.of("proxy"));
    }

    @Test
    void aProxyServesWhatItsModeServes() {
        Proxy proxy = new Proxy("orders", java.time.Instant.EPOCH);
        proxy.define("https://t.example", ServingMode.SYNC, "{}", "{}", "{}", java.time.Instant.EPOCH);
        assertEquals(ServingMode.SYNC, proxy.getMode());
        assertTrue(proxy.serves(EntryPoint.SYNC));
        assertFalse(proxy.serves(EntryPoint.ASYNC));
    }
}
