package ferry.requests.entity;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Internal row ids in the layout of a version 7 UUID (RFC 9562): 48 bits of Unix milliseconds,
 * then random bits. Rows written together then sit together in their primary-key index, where
 * random ids put each on a random page and made H2 rewrite a whole page per row (issue 18). Only
 * for ids no client sees: a request's public id stays a random version 4 UUID (CONTRACT.md).
 */
public final class TimeOrderedIds {

    private TimeOrderedIds() {
    }

    public static String next() {
        return next(Clock.systemUTC().millis());
    }

    static String next(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (random.nextInt() & 0x0FFF);
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
