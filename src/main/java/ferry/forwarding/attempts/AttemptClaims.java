package ferry.forwarding.attempts;


import ferry.platform.control.Json;
import ferry.platform.security.SecretBox;
import ferry.proxies.control.ProxyDirectory;
import ferry.proxies.control.ProxySettings;
import ferry.requests.control.RequestFinisher;
import ferry.requests.entity.RequestState;
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
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts attempts in a short transaction: checks that each row is due and that its proxy
 * forwards, moves it to {@code processing} with a lease owned by this node, and prepares what to
 * send (the rules in {@link ClaimRule} and {@link AttemptStart}; here the rows are read). Only
 * one claimant can win a row, on one node or many: the claim is written with the row's version
 * ({@code @Version}), and a claimant that read an older version fails at commit. An EJB: it runs
 * on forwarding threads (docs/architecture.md, "Transactions").
 */
@Stateless
public class AttemptClaims {

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

    @Inject
    RequestFinisher finisher;

    Clock clock = Clock.systemUTC();

    /**
     * Claims several requests in one transaction (one commit for all; batched by the pipeline's {@code AttemptBatches}).
     * Rows are locked in id order, so that two batches can never wait for each other.
     *
     * @return one answer per id, in the order given
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Optional<Ticket>> claimAll(List<String> requestIds, String owner) {
        RowLoads.preload(em, ForwardRequest.class, requestIds);
        return ClaimRule.eachOnce(requestIds, id -> claimOne(id, owner));
    }

    private Optional<Ticket> claimOne(String requestId, String owner) {
        // Optimistic: the row's version is checked when the claim is written, so of two
        // claimants (two nodes, a duplicate message) one fails at commit. A row lock taken up
        // front cost H2 a write per row on top of the claim itself (issue 6 profile).
        ForwardRequest request = em.find(ForwardRequest.class, requestId);
        Instant now = clock.instant();
        if (!ClaimRule.isDue(request, now)) {
            return Optional.empty();
        }
        if (request.getDeadlineAt() != null && !now.isBefore(request.getDeadlineAt())) {
            // A sync-mode caller was promised an answer by then: no attempt starts after it.
            finisher.finish(request, RequestState.FAILED, "deadline-exceeded",
                    "deadline exceeded: no answer by " + request.getDeadlineAt(),
                    proxies.retentionSeconds(request.getProxyId()), now);
            return Optional.empty();
        }
        Proxy proxy = em.find(Proxy.class, request.getProxyId());
        if (proxy == null) {
            // Deleted in a race with the request's acceptance: it can never be sent. It ends
            // rather than waiting (and being queued again) forever.
            finisher.finish(request, RequestState.FAILED, "proxy-deleted", "the proxy was deleted",
                    ProxySettings.DEFAULT_RETENTION_SECONDS, now);
            return Optional.empty();
        }
        if (!ClaimRule.forwards(proxy)) {
            // Held while the proxy is paused: this message is consumed, so nothing points at the
            // row now. Resuming queues it again; should that stop half way, the sweep does.
            request.markUndispatched();
            return Optional.empty();
        }
        ProxySettings settings = proxies.settings(proxy);
        try {
            return Optional.of(AttemptStart.start(request, proxy, settings, Duration.parse(leaseMargin), owner,
                    Json.readHeaders(request.getHeaders()), TargetAuth.parse(secrets.open(proxy.getTargetAuth())), now));
        } catch (IllegalArgumentException cannotBeSent) {
            // A target URL stored before definitions were checked for it, or a path that joined
            // to it would leave it: no attempt could ever be made. Ended, not retried.
            finisher.finish(request, RequestState.FAILED, "invalid-target",
                    "the request cannot be sent to its proxy's target: " + cannotBeSent.getMessage(),
                    settings.retentionSeconds(), now);
            return Optional.empty();
        }
    }
}
