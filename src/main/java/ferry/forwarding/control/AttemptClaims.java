package ferry.forwarding.control;

import ferry.platform.control.Json;
import ferry.platform.control.SecretBox;
import ferry.proxies.control.ProxyDirectory;
import ferry.proxies.control.ProxySettings;
import ferry.proxies.control.TargetAuth;
import ferry.proxies.entity.Proxy;
import ferry.requests.entity.ForwardRequest;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts attempts in a short transaction: checks that each row is due and that its proxy
 * forwards, moves it to {@code processing} with a lease owned by this node, and prepares what to
 * send. Only one claimant can win a row, on one node or many: the claim is written with the
 * row's version ({@code @Version}), and a claimant that read an older version fails at commit.
 * An EJB: it runs on forwarding threads (docs/architecture.md, "Transactions").
 */
@Stateless
public class AttemptClaims {

    /** A message may arrive slightly before its row's due time (clock skew between stores). */
    static final Duration EARLY_TOLERANCE = Duration.ofSeconds(1);


    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    /** The lease outlives the attempt's own timeout by this much before the attempt is presumed dead. */
    @Inject
    @ConfigProperty(name = "ferry.forwarding.lease-margin", defaultValue = "PT60S")
    String leaseMargin;

    @Inject
    SecretBox secrets;

    @Inject
    ProxyDirectory proxies;

    Clock clock = Clock.systemUTC();

    /**
     * Claims several requests in one transaction (one commit for all; {@link AttemptBatches}).
     * Rows are locked in id order, so that two batches can never wait for each other.
     *
     * @return one answer per id, in the order given
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Optional<Ticket>> claimAll(List<String> requestIds, String owner) {
        Map<String, Optional<Ticket>> claimed = new java.util.HashMap<>();
        requestIds.stream().distinct().sorted().forEach(id -> claimed.put(id, claimOne(id, owner)));
        // The same id twice in a batch (a duplicate message): only the first may have the ticket.
        java.util.Set<String> given = new java.util.HashSet<>();
        return requestIds.stream().map(id -> given.add(id) ? claimed.get(id) : Optional.<Ticket>empty()).toList();
    }

    private Optional<Ticket> claimOne(String requestId, String owner) {
        // Optimistic: the row's version is checked when the claim is written, so of two
        // claimants (two nodes, a duplicate message) one fails at commit. A row lock taken up
        // front cost H2 a write per row on top of the claim itself (issue 6 profile).
        ForwardRequest request = em.find(ForwardRequest.class, requestId);
        Instant now = clock.instant();
        if (request == null || !request.getState().isWaiting()) {
            return Optional.empty(); // finished, canceled, purged, or in flight elsewhere
        }
        if (request.getNextAttemptAt() != null && request.getNextAttemptAt().isAfter(now.plus(EARLY_TOLERANCE))) {
            return Optional.empty(); // a stray early message: the scheduled one is still coming
        }
        Proxy proxy = em.find(Proxy.class, request.getProxyId());
        if (proxy == null || proxy.isPaused()) {
            return Optional.empty(); // held: resuming the proxy queues it again
        }
        ProxySettings settings = proxies.settings(proxy);
        RetryPolicy policy = RetryPolicy.of(settings.retry(), request.getMaxRetries());
        int number = request.startAttempt(owner, now.plusMillis(policy.attemptTimeoutMs()).plus(Duration.parse(leaseMargin)), now);
        return Optional.of(new Ticket(requestId, proxy.getId(), owner, number, request.getNotBefore(),
                request.getDeadlineAt(), policy, settings.retentionSeconds(), outbound(request, proxy, number, policy)));
    }

    private OutboundRequest outbound(ForwardRequest request, Proxy proxy, int attempt, RetryPolicy policy) {
        Map<String, List<String>> stored = Json.readHeaders(request.getHeaders());
        Map<String, List<String>> headers = new TreeMap<>(stored);
        TargetAuth auth = TargetAuth.parse(secrets.open(proxy.getTargetAuth()));
        String query = TargetCredentials.apply(auth, headers, request.getQuery());
        List<String> clientTrace = stored.get("traceparent");
        headers.put("traceparent", List.of(TraceParent.childOf(clientTrace == null ? null : clientTrace.get(0))));
        headers.put("idempotency-key", List.of(request.getIdempotencyKey()));
        headers.put("ferry-request-id", List.of(request.getId()));
        headers.put("ferry-attempt", List.of(Integer.toString(attempt)));
        return new OutboundRequest(request.getMethod(),
                TargetUrl.join(proxy.getTargetUrl(), request.getPath(), query),
                headers,
                request.getBody(), policy.attemptTimeoutMs());
    }
}
