package ferry.proxies.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import ferry.proxies.entity.Proxy;
import ferry.proxies.entity.ServingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy cache of the hot paths: definitions kept for the TTL, settings parsed once per stored document. */
class ProxyDirectoryTest {

    /** Ferry's own store, answering from a map and counting its reads instead of a database. */
    static final class MapStore extends ProxyStore {
        final Map<String, Proxy> proxies = new HashMap<>();
        final Map<String, Integer> reads = new HashMap<>();

        @Override
        public Optional<Proxy> find(String id) {
            reads.merge(id, 1, Integer::sum);
            return Optional.ofNullable(proxies.get(id));
        }
    }

    MapStore store;
    ProxyDirectory directory;

    @BeforeEach
    void setUp() {
        store = new MapStore();
        directory = new ProxyDirectory();
        directory.store = store;
        directory.ttl = Duration.ofHours(1);
    }

    static Proxy proxy(String id, ProxySpec settings) {
        Proxy proxy = new Proxy(id, Instant.EPOCH);
        proxy.define("https://t.example", ServingMode.BOTH, "{\"type\":\"none\"}", "{\"type\":\"none\"}",
                ProxySettings.from(settings).json(), Instant.EPOCH);
        return proxy;
    }

    static ProxySpec retention(long seconds) {
        ProxySpec spec = new ProxySpec();
        spec.retentionSeconds = seconds;
        return spec;
    }

    @Test
    void settingsAreParsedOncePerStoredDocument() {
        Proxy proxy = proxy("orders", retention(60));
        ProxySettings first = directory.settings(proxy);
        assertEquals(60, first.retentionSeconds());
        assertSame(first, directory.settings(proxy));
        assertSame(first, directory.settings(proxy("orders", retention(60))), "the same document, another load");

        ProxySettings changed = directory.settings(proxy("orders", retention(120)));
        assertEquals(120, changed.retentionSeconds());
        assertNotSame(first, directory.settings(proxy));
        assertEquals(60, directory.settings(proxy).retentionSeconds());
    }

    @Test
    void forgettingAProxyParsesItsSettingsAnew() {
        Proxy proxy = proxy("orders", retention(60));
        ProxySettings first = directory.settings(proxy);
        directory.forget("orders");
        ProxySettings again = directory.settings(proxy);
        assertNotSame(first, again);
        assertEquals(first, again);
    }

    @Test
    void definitionsAndUnknownIdsAreReadOnceWithinTheTtl() {
        Proxy orders = proxy("orders", new ProxySpec());
        store.proxies.put("orders", orders);
        assertSame(orders, directory.find("orders").orElseThrow());
        assertSame(orders, directory.find("orders").orElseThrow());
        assertEquals(Optional.empty(), directory.find("missing"));
        assertEquals(Optional.empty(), directory.find("missing"));
        assertEquals(Map.of("orders", 1, "missing", 1), store.reads);

        directory.forget("orders");
        directory.find("orders");
        assertEquals(2, store.reads.get("orders"));
    }

    @Test
    void pastTheTtlADefinitionIsReadAgain() {
        directory.ttl = Duration.ofNanos(-1); // every entry is already stale
        store.proxies.put("orders", proxy("orders", new ProxySpec()));
        directory.find("orders");
        directory.find("orders");
        assertEquals(2, store.reads.get("orders"));
    }

    @Test
    void retentionIsTheProxysOrTheDefaultOnceItIsGone() {
        store.proxies.put("orders", proxy("orders", retention(600)));
        assertEquals(600, directory.retentionSeconds("orders"));
        assertEquals(ProxySettings.DEFAULT_RETENTION_SECONDS, directory.retentionSeconds("gone"));
    }
}
