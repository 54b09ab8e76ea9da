package ferry.proxies.control;

import ferry.forwarding.control.WorkQueue;
import ferry.platform.control.EgressGuard;
import ferry.platform.control.Json;
import ferry.platform.control.Problem;
import ferry.platform.control.SecretBox;
import ferry.proxies.entity.Proxy;
import ferry.requests.control.Outcomes;
import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** Creates, changes, pauses and removes proxies (the admin API of CONTRACT.md §2). */
@ApplicationScoped
@Transactional
public class ProxyService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final EnumSet<RequestState> UNFINISHED =
            EnumSet.of(RequestState.QUEUED, RequestState.PROCESSING, RequestState.RETRYING);

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    CredentialHasher hasher;

    @Inject
    EgressGuard egress;

    @Inject
    SecretBox secrets;

    @Inject
    WorkQueue workQueue;

    @Inject
    Outcomes outcomes;

    Clock clock = Clock.systemUTC();

    public Proxy create(ProxySpec spec) {
        validate(spec, ProxyValidator.problems(spec, null, null));
        String id = spec.id != null ? spec.id : generateId();
        if (em.find(Proxy.class, id) != null) {
            throw Problem.conflict("proxy-exists", "A proxy with id " + id + " already exists.");
        }
        Proxy proxy = new Proxy(id, now());
        apply(proxy, spec, null, null, null);
        em.persist(proxy);
        return proxy;
    }

    public Proxy replace(String id, ProxySpec spec) {
        Proxy proxy = lock(id);
        if (spec.id != null && !spec.id.equals(id)) {
            throw Problem.badRequest("id: cannot be changed (" + spec.id + " != " + id + ")");
        }
        StoredClientAuth client = Json.read(proxy.getClientAuth(), StoredClientAuth.class);
        ProxySpec.TargetAuth target = Json.read(secrets.open(proxy.getTargetAuth()), ProxySpec.TargetAuth.class);
        // A JWT key belongs to its algorithm: changing the algorithm needs the new key.
        String keptClientKind = "jwt".equals(client.type) && spec.clientAuth != null
                && !java.util.Objects.equals(spec.clientAuth.algorithm, client.algorithm) ? null : client.type;
        validate(spec, ProxyValidator.problems(spec, keptClientKind, target.type));
        apply(proxy, spec, client, target, Json.read(proxy.getSettings(), ProxySettings.class));
        return proxy;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Proxy> find(String id) {
        return Optional.ofNullable(em.find(Proxy.class, id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Proxy> all() {
        return em.createNamedQuery(Proxy.ALL, Proxy.class).getResultList();
    }

    /** Removes a proxy; with unfinished requests only when forced, which cancels them first. */
    public void delete(String id, boolean force) {
        Proxy proxy = lock(id);
        long unfinished = em.createNamedQuery(ForwardRequest.UNFINISHED_COUNT, Long.class)
                .setParameter("proxyId", id).setParameter("states", UNFINISHED).getSingleResult();
        if (unfinished > 0 && !force) {
            throw Problem.conflict("proxy-busy", "The proxy has " + unfinished
                    + " unfinished requests; wait, or delete with ?force=true to cancel them.");
        }
        Instant now = now();
        long retention = Json.read(proxy.getSettings(), ProxySettings.class).retentionSeconds;
        for (RequestState state : UNFINISHED) {
            for (String requestId : idsIn(id, state)) {
                ForwardRequest request = em.find(ForwardRequest.class, requestId, LockModeType.PESSIMISTIC_WRITE);
                // An attempt in flight can no longer be recorded against a deleted proxy: failed.
                RequestState end = request.getState() == RequestState.PROCESSING ? RequestState.FAILED : RequestState.CANCELED;
                outcomes.finish(request, end, "canceled", "Canceled: the proxy was deleted", retention, now);
            }
        }
        em.remove(proxy);
    }

    public Proxy pause(String id) {
        Proxy proxy = lock(id);
        proxy.setPaused(true, now());
        return proxy;
    }

    /**
     * Resumes forwarding. The waiting requests are queued again afterwards, in batches of their
     * own ({@link Requeue}), so that a proxy that held a hundred thousand requests does not need
     * one transaction for all of them.
     *
     * @return whether the proxy was paused
     */
    public boolean resume(String id) {
        Proxy proxy = lock(id);
        if (!proxy.isPaused()) {
            return false;
        }
        proxy.setPaused(false, now());
        return true;
    }

    private List<String> idsIn(String proxyId, RequestState state) {
        return em.createNamedQuery(ForwardRequest.IDS_IN_STATE, String.class)
                .setParameter("proxyId", proxyId).setParameter("state", state).getResultList();
    }

    private void apply(Proxy proxy, ProxySpec spec, StoredClientAuth previousClient,
                       ProxySpec.TargetAuth previousTarget, ProxySettings previousSettings) {
        String targetUrl = spec.targetUrl.endsWith("/")
                ? spec.targetUrl.substring(0, spec.targetUrl.length() - 1) : spec.targetUrl;
        proxy.define(targetUrl,
                spec.mode == null ? "both" : spec.mode,
                ProxyCodec.clientAuth(spec.clientAuth, previousClient, hasher, secrets),
                secrets.seal(ProxyCodec.targetAuth(spec.targetAuth, previousTarget)),
                Json.write(sealCallbackSecret(ProxyCodec.settings(spec, previousSettings))),
                now());
    }

    /** The webhook signing secret is sealed like target credentials (kept sealed if unchanged). */
    private ProxySettings sealCallbackSecret(ProxySettings settings) {
        if (settings.callback != null && settings.callback.secret != null && !settings.callback.secret.startsWith("v1:")) {
            settings.callback.secret = secrets.seal(settings.callback.secret);
        }
        return settings;
    }

    private void validate(ProxySpec spec, List<String> found) {
        List<String> errors = new java.util.ArrayList<>(found);
        if (spec.targetUrl != null && errors.stream().noneMatch(e -> e.startsWith("targetUrl:"))) {
            egress.problem(spec.targetUrl).ifPresent(why -> errors.add("targetUrl: " + why));
        }
        if (spec.callback != null && spec.callback.url != null && errors.stream().noneMatch(e -> e.startsWith("callback.url:"))) {
            egress.problem(spec.callback.url).ifPresent(why -> errors.add("callback.url: " + why));
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
    }

    private Proxy lock(String id) {
        Proxy proxy = em.find(Proxy.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (proxy == null) {
            throw Problem.notFound("proxy-not-found", "No proxy with id " + id + ".");
        }
        return proxy;
    }

    private Instant now() {
        return clock.instant();
    }

    private static String generateId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
