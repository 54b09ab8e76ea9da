package ferry.intake.control;

import ferry.platform.problems.Problem;

/**
 * The sizes of what a request stores, checked at intake against the columns that hold them
 * ({@code db/V1__requests.sql}): a value that does not fit must be refused before it reaches a
 * group commit, where it would fail every other member of the group. Documented in the README
 * and the OpenAPI document.
 */
public final class StoredSizes {

    /** {@code forward_request.target_path}: the path below the proxy id, as sent (percent-encoded). */
    public static final int MAX_PATH = 4096;
    /** {@code forward_request.query_string}: the query as sent. */
    public static final int MAX_QUERY = 8192;
    /** {@code forward_request.idempotency_key}. */
    public static final int MAX_IDEMPOTENCY_KEY = 255;

    private StoredSizes() {
    }

    /** @throws Problem {@code 414 uri-too-long} for a path or query longer than its column */
    public static void checkUri(String rawPath, String rawQuery) {
        if (rawPath.length() > MAX_PATH) {
            throw uriTooLong("The path below the proxy id is " + rawPath.length() + " characters; at most "
                    + MAX_PATH + " are accepted.");
        }
        if (rawQuery != null && rawQuery.length() > MAX_QUERY) {
            throw uriTooLong("The query is " + rawQuery.length() + " characters; at most " + MAX_QUERY + " are accepted.");
        }
    }

    private static Problem uriTooLong(String detail) {
        return new Problem(414, "uri-too-long", "URI too long", detail);
    }
}
