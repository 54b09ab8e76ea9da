package ferry.proxies.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    @Test
    void verifiesTheRightPasswordOnly() {
        String stored = PasswordHasher.hash("correct horse battery");
        assertTrue(stored.startsWith("pbkdf2-sha256$" + PasswordHasher.ITERATIONS + "$"));
        assertFalse(stored.contains("correct horse"));
        assertTrue(PasswordHasher.verify("correct horse battery", stored));
        assertFalse(PasswordHasher.verify("correct horse batterz", stored));
        assertFalse(PasswordHasher.verify("correct horse battery", "plain$text"));
    }

    @Test
    void saltedSoEqualPasswordsHashDifferently() {
        assertNotEquals(PasswordHasher.hash("same password"), PasswordHasher.hash("same password"));
    }

    @Test
    void theDummyHashHasTheCostOfARealOneAndIsTheSameEachTime() {
        String dummy = PasswordHasher.dummyHash();
        assertTrue(dummy.startsWith("pbkdf2-sha256$" + PasswordHasher.ITERATIONS + "$"), dummy);
        assertEquals(dummy, PasswordHasher.dummyHash());
        assertFalse(PasswordHasher.verify("", dummy));
    }
}
