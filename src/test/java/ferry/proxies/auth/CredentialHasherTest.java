package ferry.proxies.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialHasherTest {

    private static final String KEY_A = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String KEY_B = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";

    @Test
    void nodesSharingADatabaseAndAKeyHashAlike() {
        CredentialHasher first = onSharedDatabase(KEY_A);
        CredentialHasher second = onSharedDatabase(KEY_A);
        assertEquals(first.hash("token-1"), second.hash("token-1"));
        assertNotEquals(first.hash("token-1"), first.hash("token-2"));
        assertNotEquals(first.hash("token-1"), onSharedDatabase(KEY_B).hash("token-1"));
    }

    @Test
    void theDerivedKeyIsNotTheSecretsKey() {
        assertNotEquals(KEY_A, CredentialHasher.derivedFrom(KEY_A));
        assertEquals(CredentialHasher.derivedFrom(KEY_A), CredentialHasher.derivedFrom(KEY_A));
    }

    @Test
    void aSharedDatabaseWithoutTheSharedKeyDoesNotStart() {
        CredentialHasher hasher = new CredentialHasher();
        hasher.sharedDatabase = Optional.of("jdbc:postgresql://127.0.0.1/ferry");
        hasher.sharedKey = Optional.empty();
        assertThrows(IllegalStateException.class, hasher::loadKey);
    }

    private static CredentialHasher onSharedDatabase(String secretsKey) {
        CredentialHasher hasher = new CredentialHasher();
        hasher.sharedDatabase = Optional.of("jdbc:postgresql://127.0.0.1/ferry");
        hasher.sharedKey = Optional.of(secretsKey);
        hasher.loadKey();
        return hasher;
    }
}
