package ferry.proxies.control;

import ferry.platform.problems.Problem;
import ferry.platform.security.SecretBox;
import ferry.proxies.entity.Proxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * The admin API's use cases for proxies (CONTRACT.md §2): each change is committed by
 * {@link ProxyStore}, then this node's {@link ProxyDirectory} forgets the old definition (other
 * nodes read it anew within {@code ferry.proxies.cache-ttl}), and a resume sets off the requeue
 * of what waited ({@link ProxyResumed}). Not transactional itself, so that what follows a commit
 * runs after it.
 */
@ApplicationScoped
public class ProxyService {

    @Inject
    ProxyStore store;

    @Inject
    ProxyDirectory directory;

    @Inject
    SecretBox secrets;

    @Inject
    Event<ProxyResumed> resumed;

    public ProxySpec create(ProxySpec spec) {
        Proxy proxy = store.create(required(spec));
        directory.forget(proxy.getId());
        return view(proxy);
    }

    public List<ProxySpec> all() {
        return store.all().stream().map(this::view).toList();
    }

    public ProxySpec get(String id) {
        return view(store.find(id).orElseThrow(() -> notFound(id)));
    }

    public ProxySpec replace(String id, ProxySpec spec) {
        try {
            return view(store.replace(id, required(spec)));
        } finally {
            directory.forget(id);
        }
    }

    /**
     * Without {@code force}, refused while the proxy has unfinished requests; with it, they are
     * canceled. A forced delete locks the proxy's unfinished requests one by one while forwarders
     * may be updating the same rows in another order: the database then ends one of the two
     * transactions as a deadlock victim. Each try is a transaction of its own, so the delete is
     * tried again (the forwarders' side retries on its own).
     */
    @Retry(maxRetries = 3, delay = 200, jitter = 100,
            retryOn = {PersistenceException.class, TransactionalException.class})
    public void delete(String id, boolean force) {
        try {
            store.delete(id, force);
        } finally {
            directory.forget(id);
        }
    }

    /**
     * A receiver answered 410 Gone at the proxy's callback {@code url}: disable the callback
     * (see {@link ProxyStore#disableCallback}). Joins the caller's transaction.
     */
    public boolean disableCallback(String id, String url) {
        try {
            return store.disableCallback(id, url);
        } finally {
            directory.forget(id);
        }
    }

    public ProxySpec pause(String id) {
        try {
            return view(store.pause(id));
        } finally {
            directory.forget(id);
        }
    }

    /** Resumes forwarding; the requests that waited are queued again before this returns. */
    public ProxySpec resume(String id) {
        boolean wasPaused;
        try {
            wasPaused = store.resume(id);
        } finally {
            directory.forget(id);
        }
        if (wasPaused) {
            resumed.fire(new ProxyResumed(id));
        }
        return get(id);
    }

    private ProxySpec view(Proxy proxy) {
        return ProxyCodec.view(proxy, directory.settings(proxy), secrets);
    }

    private static ProxySpec required(ProxySpec spec) {
        if (spec == null) {
            throw Problem.badRequest("A JSON proxy definition is required.");
        }
        return spec;
    }

    private static Problem notFound(String id) {
        return Problem.notFound("proxy-not-found", "No proxy with id " + id + ".");
    }
}
