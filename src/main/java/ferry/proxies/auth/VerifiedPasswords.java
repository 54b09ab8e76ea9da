package ferry.proxies.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Basic credentials that passed the slow password hash recently, so that a busy client does not
 * pay PBKDF2 on every request. Kept by {@link PasswordHasher#fingerprint} (a digest of user,
 * password and stored hash: never the password, and a changed password or stored hash misses),
 * for a minute, and at most about ten thousand at once: a flood of distinct credentials only
 * costs hashing, never memory.
 */
final class VerifiedPasswords {

    static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(60);
    static final int MAX_ENTRIES = 10_000;

    /** Fingerprint to the {@link System#nanoTime} until which it counts as verified. */
    private final Map<String, Long> until = new ConcurrentHashMap<>();

    /** @param now {@link System#nanoTime} */
    boolean recentlyVerified(String fingerprint, long now) {
        Long expiry = until.get(fingerprint);
        return expiry != null && expiry - now > 0;
    }

    /** @param now {@link System#nanoTime} */
    void remember(String fingerprint, long now) {
        if (until.size() > MAX_ENTRIES) {
            until.clear();
        }
        until.put(fingerprint, now + TTL_NANOS);
    }

    int size() {
        return until.size();
    }
}
