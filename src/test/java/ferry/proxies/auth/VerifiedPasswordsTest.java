package ferry.proxies.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VerifiedPasswordsTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aVerifiedCredentialCountsForOneMinute() {
        VerifiedPasswords verified = new VerifiedPasswords();
        long t0 = 5_000 * SECOND;
        assertFalse(verified.recentlyVerified("fp", t0));
        verified.remember("fp", t0);
        assertTrue(verified.recentlyVerified("fp", t0));
        assertTrue(verified.recentlyVerified("fp", t0 + 59 * SECOND));
        assertFalse(verified.recentlyVerified("fp", t0 + 60 * SECOND));
        assertFalse(verified.recentlyVerified("other", t0));
    }

    @Test
    void expiryFollowsNanoTimeAcrossItsOverflow() {
        VerifiedPasswords verified = new VerifiedPasswords();
        long nearWrap = Long.MAX_VALUE - 10 * SECOND;
        verified.remember("fp", nearWrap);
        assertTrue(verified.recentlyVerified("fp", nearWrap + 30 * SECOND)); // wrapped to negative
        assertFalse(verified.recentlyVerified("fp", nearWrap + 61 * SECOND));
    }

    @Test
    void neverHoldsMuchMoreThanItsBound() {
        VerifiedPasswords verified = new VerifiedPasswords();
        for (int i = 0; i <= VerifiedPasswords.MAX_ENTRIES; i++) {
            verified.remember("fp-" + i, 0);
        }
        assertEquals(VerifiedPasswords.MAX_ENTRIES + 1, verified.size());
        verified.remember("one-more", 0);
        assertEquals(1, verified.size());
        assertTrue(verified.recentlyVerified("one-more", 0));
        assertFalse(verified.recentlyVerified("fp-0", 0));
    }
}
