package ferry.proxies.control;

import ferry.platform.control.Json;
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
 * take effect at once ({@link #forget}); on other nodes within {@code ferry.proxies.cache-ttl}
 * (a rotated client credential stays valid there that long). Unknown ids are remembered too,
 * so a flood of requests to a missing proxy does not reach the database.
 */
@ApplicationScoped
public class ProxyDirectory {

    /** A proxy as loaded, with its parsed settings; empty if no proxy has that id. */
    private record Entry(Optional<Proxy> proxy, ProxySettings settings, long loadedAt) {
    }

    @Inject
    ProxyService proxies;

    /** How long a definition read from the database is used before it is read again. */
    @Inject
    @ConfigProperty(name = "ferry.proxies.cache-ttl", defaultValue = "PT1S")
    Duration ttl;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public Optional<Proxy> find(String id) {
        return entry(id).proxy();
    }

    /** The settings of a proxy found here (parsed once per load). */
    public ProxySettings settings(Proxy proxy) {
        Entry entry = entries.get(proxy.getId());
        return entry != null && entry.proxy().orElse(null) == proxy
                ? entry.settings()
                : Json.read(proxy.getSettings(), ProxySettings.class);
    }

    /** This node changed or removed the proxy: read it anew next time. */
    public void forget(String id) {
        entries.remove(id);
    }

    private Entry entry(String id) {
        long now = System.nanoTime();
        Entry entry = entries.get(id);
        if (entry == null || now - entry.loadedAt() > ttl.toNanos()) {
            Optional<Proxy> proxy = proxies.find(id);
            entry = new Entry(proxy, proxy.map(p -> Json.read(p.getSettings(), ProxySettings.class)).orElse(null), now);
            if (entries.size() > 10_000) {
                entries.clear(); // unknown ids are remembered too: never let them grow without bound
            }
            entries.put(id, entry);
        }
        return entry;
    }
}
