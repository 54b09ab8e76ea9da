package ferry.requests.control;

import ferry.platform.problems.Problem;
import ferry.requests.entity.RequestState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;

/**
 * What a listing asks for (CONTRACT.md §6), checked: every malformed parameter is a {@code 400}.
 *
 * @param proxyId null: every proxy (admin only)
 * @param state   null: any state
 * @param since   created at or after, or null
 * @param until   created before, or null
 * @param after   the keyset position to continue after (the last item of the previous page), or null
 */
public record ListingQuery(String proxyId, RequestState state, Instant since, Instant until, int limit, Position after) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** Where a page ended: newest first by creation time, then by id. */
    public record Position(Instant createdAt, String id) {

        /** The opaque cursor handed to the client. */
        public String cursor() {
            String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
        }

        static Position of(String cursor) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
                String[] parts = raw.split("\\.", 3);
                Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
                if (!RequestAccess.isUuid(parts[2])) {
                    throw new IllegalArgumentException();
                }
                return new Position(at, parts[2]);
            } catch (RuntimeException e) {
                throw Problem.badRequest("cursor: not a cursor this gateway handed out.");
            }
        }
    }

    public static ListingQuery parse(String proxyId, String status, String since, String until, String limit,
                                     String cursor) {
        return new ListingQuery(proxyId == null || proxyId.isBlank() ? null : proxyId, state(status),
                time("since", since), time("until", until), limit(limit), cursor == null || cursor.isBlank() ? null
                : Position.of(cursor));
    }

    private static RequestState state(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        for (RequestState state : RequestState.values()) {
            if (state.label().equals(status.toLowerCase(Locale.ROOT))) {
                return state;
            }
        }
        throw Problem.badRequest("status: one of queued, processing, retrying, completed, failed, canceled.");
    }

    /** An RFC 3339 date-time parameter, or null if absent. @throws Problem 400 if malformed */
    public static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw Problem.badRequest(name + ": an RFC 3339 date-time (e.g. 2025-01-01T00:00:00Z).");
        }
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Problem.badRequest("limit: a number from 1 to " + MAX_LIMIT + ".");
    }
}
