package ferry.proxies.control;

import ferry.proxies.auth.CredentialHasher;
import ferry.proxies.auth.StoredClientAuth;

import ferry.platform.security.EgressGuard;
import ferry.platform.control.Json;
import ferry.platform.control.ForwardingCapacity;
import ferry.platform.problems.Problem;
import ferry.platform.security.SecretBox;
import ferry.proxies.entity.Proxy;
import ferry.proxies.entity.ServingMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Proxy definitions in the database: each change in a transaction of its own, the row locked
 * while it is checked and changed. Called by {@link ProxyService}, which adds what follows a
 * commit.
 */
@ApplicationScoped
@Transactional
public class ProxyStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "ferry")
    EntityManager em;

    @Inject
    CredentialHasher hasher;

    @Inject
    EgressGuard egress;

    @Inject
    SecretBox secrets;

    @Inject
    ForwardingCapacity capacity;

    @Inject
    Event<ProxyDeleting> deleting;

    Clock clock = Clock.systemUTC();

    public Proxy create(ProxySpec spec) {
        validate(spec, ProxyValidator.problems(spec, null, null, false));
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
                && !Objects.equals(spec.clientAuth.algorithm, client.algorithm) ? null : client.type;
        ProxySettings previous = ProxySettings.parse(proxy.getSettings());
        boolean hasCallbackSecret = previous.callback() != null && previous.callback().secret() != null;
        validate(spec, ProxyValidator.problems(spec, keptClientKind, target.type, hasCallbackSecret));
        apply(proxy, spec, client, target, previous);
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

    /** Removes a proxy once the request lifecycle agrees ({@link ProxyDeleting}). */
    public void delete(String id, boolean force) {
        Proxy proxy = lock(id);
        deleting.fire(new ProxyDeleting(id, force, ProxySettings.parse(proxy.getSettings()).retentionSeconds()));
        em.remove(proxy);
    }

    /**
     * Disables the proxy's callback because {@code url} answered 410 Gone, unless the callback
     * has meanwhile been given another URL (then the new one is tried). Joins the caller's transaction.
     *
     * @return whether it was disabled now
     */
    public boolean disableCallback(String id, String url) {
        Proxy proxy = em.find(Proxy.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (proxy == null || proxy.getCallbackDisabledAt() != null) {
            return false;
        }
        ProxySettings.Callback callback = ProxySettings.parse(proxy.getSettings()).callback();
        if (callback == null || !url.equals(callback.url())) {
            return false;
        }
        proxy.disableCallback(now());
        return true;
    }

    public Proxy pause(String id) {
        Proxy proxy = lock(id);
        proxy.setPaused(true, now());
        return proxy;
    }

    /** @return whether the proxy was paused */
    public boolean resume(String id) {
        Proxy proxy = lock(id);
        if (!proxy.isPaused()) {
            return false;
        }
        proxy.setPaused(false, now());
        return true;
    }

    private void apply(Proxy proxy, ProxySpec spec, StoredClientAuth previousClient,
                       ProxySpec.TargetAuth previousTarget, ProxySettings previousSettings) {
        String targetUrl = spec.targetUrl.endsWith("/")
                ? spec.targetUrl.substring(0, spec.targetUrl.length() - 1) : spec.targetUrl;
        proxy.define(targetUrl,
                spec.mode == null ? ServingMode.BOTH : ServingMode.of(spec.mode).orElseThrow(),
                ProxyCodec.clientAuth(spec.clientAuth, previousClient, hasher, secrets),
                secrets.seal(ProxyCodec.targetAuth(spec.targetAuth, previousTarget)),
                sealCallbackSecret(ProxyCodec.settings(spec, previousSettings)).json(),
                now());
    }

    /** The webhook signing secrets are sealed like target credentials (a kept one is sealed already). */
    private ProxySettings sealCallbackSecret(ProxySettings settings) {
        ProxySettings.Callback callback = settings.callback();
        if (callback == null) {
            return settings;
        }
        return settings.withCallback(callback.withSecrets(sealed(callback.secret()), sealed(callback.nextSecret())));
    }

    private String sealed(String secret) {
        return secret == null || secret.startsWith("v1:") ? secret : secrets.seal(secret);
    }

    private void validate(ProxySpec spec, List<String> found) {
        List<String> errors = new ArrayList<>(found);
        if (spec.targetUrl != null && errors.stream().noneMatch(e -> e.startsWith("targetUrl:"))) {
            egress.problem(spec.targetUrl).ifPresent(why -> errors.add("targetUrl: " + why));
        }
        if (spec.callback != null && spec.callback.url != null && errors.stream().noneMatch(e -> e.startsWith("callback.url:"))) {
            egress.problem(spec.callback.url).ifPresent(why -> errors.add("callback.url: " + why));
        }
        Integer concurrency = spec.limits == null ? null : spec.limits.maxConcurrency;
        if (concurrency != null && concurrency > capacity.mostForOneProxy()
                && errors.stream().noneMatch(e -> e.startsWith("limits.maxConcurrency:"))) {
            // Checked only when given: the default (64) is cut to what the node can give instead.
            errors.add("limits.maxConcurrency: at most " + capacity.mostForOneProxy() + " on this gateway"
                    + " (ferry.forwarding.in-flight minus ferry.forwarding.shared-reserve); raise ferry.forwarding.in-flight to allow more");
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
