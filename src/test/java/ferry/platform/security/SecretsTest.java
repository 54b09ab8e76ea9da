package ferry.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void equalSecretsAreEqual() {
        assertTrue(Secrets.constantTimeEquals("s3cr3t-t0ken", "s3cr3t-t0ken"));
        assertTrue(Secrets.constantTimeEquals("", ""));
        assertTrue(Secrets.constantTimeEquals("p\u00e4ss\u00e9", "p\u00e4ss\u00e9"));
    }

    @Test
    void differentSecretsAreNotEqual() {
        assertFalse(Secrets.constantTimeEquals("s3cr3t-t0ken", "s3cr3t-t0kem"));
        assertFalse(Secrets.constantTimeEquals("s3cr3t-t0ken", "S3CR3T-T0KEN"));
        assertFalse(Secrets.constantTimeEquals("s3cr3t-t0ken", "s3cr3t-t0ken "));
        assertFalse(Secrets.constantTimeEquals("s3cr3t", "s3cr3t-t0ken"));
        assertFalse(Secrets.constantTimeEquals("", "x"));
    }

    @Test
    void nullNeverEqualsAnything() {
        assertFalse(Secrets.constantTimeEquals(null, "x"));
        assertFalse(Secrets.constantTimeEquals("x", null));
        assertFalse(Secrets.constantTimeEquals(null, null));
    }

    @Test
    void keyedHashIsHmacSha256InLowerCaseHex() {
        // RFC 4231, test case 2
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                Secrets.keyedHash("Jefe", "what do ya want for nothing?"));
    }

    @Test
    void keyedHashIsDeterministicAndDependsOnKeyAndSecret() {
        String hash = Secrets.keyedHash("key-1", "token-abc");
        assertEquals(hash, Secrets.keyedHash("key-1", "token-abc"));
        assertNotEquals(hash, Secrets.keyedHash("key-2", "token-abc"));
        assertNotEquals(hash, Secrets.keyedHash("key-1", "token-abd"));
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
        assertFalse(hash.contains("token-abc"));
    }
}
