package ferry.forwarding.attempts;

import ferry.proxies.entity.Proxy;
import ferry.requests.entity.ForwardRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether a request may be claimed now, and in which order a batch is claimed, in plain Java
 * ({@link AttemptClaims} reads the rows). Due-ness and the proxy are two steps, so that the proxy
 * is only looked up for a row that is due.
 */
final class ClaimRule {

    /** A message may arrive slightly before its row's due time (clock skew between stores). */
    static final Duration EARLY_TOLERANCE = Duration.ofSeconds(1);

    private ClaimRule() {
    }

    /**
     * @param request the row, or null if it no longer exists
     * @return false if finished, canceled, purged, in flight elsewhere, or not due yet (a stray
     *         early message: the scheduled one is still coming)
     */
    static boolean isDue(ForwardRequest request, Instant now) {
        if (request == null || !request.getState().isWaiting()) {
            return false;
        }
        return request.getNextAttemptAt() == null || !request.getNextAttemptAt().isAfter(now.plus(EARLY_TOLERANCE));
    }

    /**
     * @param proxy the request's proxy, or null if it was deleted (then the request fails:
     *              {@link AttemptClaims})
     * @return false while the request is held: resuming the proxy queues it again
     */
    static boolean forwards(Proxy proxy) {
        return proxy != null && !proxy.isPaused();
    }

    /**
     * Claims each id of a batch once, in id order, so that two batches can never wait for each
     * other's rows. The same id twice in a batch (a duplicate message): only the first may have
     * the ticket.
     *
     * @return one answer per id, in the order given
     */
    static <T> List<Optional<T>> eachOnce(List<String> requestIds, Function<String, Optional<T>> claim) {
        Map<String, Optional<T>> claimed = new HashMap<>();
        requestIds.stream().distinct().sorted().forEach(id -> claimed.put(id, claim.apply(id)));
        Set<String> given = new HashSet<>();
        return requestIds.stream().map(id -> given.add(id) ? claimed.get(id) : Optional.<T>empty()).toList();
    }
}
