package ferry.proxies.control;

import ferry.proxies.entity.Proxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Proxy definitions as the hot paths read them (every intake, every status lookup), kept for a
 * short time instead of read from the database and parsed from JSON on each call: those two
 * were the largest items of intake's own time in the issue 6 profile. Changes made on this node
 * take effect at once ({@link #forget}, called by {@link ProxyService}); on other nodes within
 * {@code ferry.proxies.cache-ttl} (a rotated client credential stays valid there that long).
 * Unknown ids are remembered too, so a flood of requests to a missing proxy does not reach the
 * database. {@link #settings} is the one way to a proxy's typed settings.
 */
@ApplicationScoped
public class ProxyDirectory {

    private static final int MAX_ENTRIES = 10_000;

    /** A proxy as loaded; empty if no proxy has that id. */
    private record Entry(Optional<Proxy> proxy, long loadedAt) {
    }

    /** Settings parsed from one stored document. */
    private record Parsed(String json, ProxySettings settings) {
    }

    @Inject
    ProxyStore store;

    /** How long a definition read from the database is used before it is read again. */
    @Inject
    @ConfigProperty(name = "ferry.proxies.cache-ttl", defaultValue = "PT1S")
    Duration ttl;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    public Optional<Proxy> find(String id) {
        long now = System.nanoTime();
        Entry entry = entries.get(id);
        if (entry == null || now - entry.loadedAt() > ttl.toNanos()) {
            entry = new Entry(store.find(id), now);
            if (entries.size() > MAX_ENTRIES) {
                entries.clear(); // unknown ids are remembered too: never let them grow without bound
            }
            entries.put(id, entry);
        }
        return entry.proxy();
    }

    /**
     * The typed settings of a proxy, however it was loaded (here, or by a transaction of its
     * own): parsed once per stored document.
     */
    public ProxySettings settings(Proxy proxy) {
        Parsed known = parsed.get(proxy.getId());
        if (known != null && known.json().equals(proxy.getSettings())) {
            return known.settings();
        }
        ProxySettings settings = ProxySettings.parse(proxy.getSettings());
        if (parsed.size() > MAX_ENTRIES) {
            parsed.clear();
        }
        parsed.put(proxy.getId(), new Parsed(proxy.getSettings(), settings));
        return settings;
    }

    /** How long a finished request of this proxy is kept; the default if the proxy is gone. */
    public long retentionSeconds(String proxyId) {
        return find(proxyId).map(p -> settings(p).retentionSeconds()).orElse(ProxySettings.DEFAULT_RETENTION_SECONDS);
    }

    /** This node changed or removed the proxy: read it anew next time. */
    public void forget(String id) {
        entries.remove(id);
        parsed.remove(id);
    }
}
