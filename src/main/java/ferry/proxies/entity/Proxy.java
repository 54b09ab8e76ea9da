package ferry.proxies.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A configured proxy: where requests go and who may send them. Auth and settings are kept as JSON
 * documents ({@code ProxyCodec} reads and writes them); client secrets only as keyed hashes.
 */
@Entity
@Table(name = "proxy")
@NamedQuery(name = Proxy.ALL, query = "select p from Proxy p order by p.id")
public class Proxy {

    public static final String ALL = "Proxy.all";
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[a-z0-9-]{1,64}");

    @Id
    private String id;

    @Column(name = "target_url", nullable = false)
    private String targetUrl;

    @Column(name = "serving_mode", nullable = false)
    private String mode;

    @Column(nullable = false)
    private boolean paused;

    @Column(name = "client_auth", nullable = false)
    private String clientAuth;

    @Column(name = "target_auth", nullable = false)
    private String targetAuth;

    @Column(nullable = false)
    private String settings;

    /** When a receiver answered 410 Gone to this proxy's callback; null while it is enabled. */
    @Column(name = "callback_disabled_at")
    private Instant callbackDisabledAt;

    /**
     * When the proxy was last resumed; null if never. Resuming queues its waiting requests again,
     * and until that may be done the recovery sweep leaves them to it.
     */
    @Column(name = "resumed_at")
    private Instant resumedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected Proxy() {
    }

    public Proxy(String id, Instant now) {
        this.id = id;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Proxy ids are {@code [a-z0-9-]{1,64}} (CONTRACT.md §2). */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public void define(String targetUrl, ServingMode mode, String clientAuth, String targetAuth, String settings, Instant now) {
        this.targetUrl = targetUrl;
        this.mode = mode.label();
        this.clientAuth = clientAuth;
        this.targetAuth = targetAuth;
        this.settings = settings;
        this.callbackDisabledAt = null; // defining the proxy again is how an admin re-enables its callback
        this.updatedAt = now;
    }

    /** The callback's receiver answered 410 Gone: no more deliveries to it until the proxy is defined again. */
    public void disableCallback(Instant now) {
        this.callbackDisabledAt = now;
        this.updatedAt = now;
    }

    public void setPaused(boolean paused, Instant now) {
        if (this.paused && !paused) {
            this.resumedAt = now;
        }
        this.paused = paused;
        this.updatedAt = now;
    }

    public boolean serves(EntryPoint entry) {
        return getMode().serves(entry);
    }

    public String getId() { return id; }
    public String getTargetUrl() { return targetUrl; }
    public ServingMode getMode() { return ServingMode.of(mode).orElseThrow(); }
    public boolean isPaused() { return paused; }
    public String getClientAuth() { return clientAuth; }
    public String getTargetAuth() { return targetAuth; }
    public String getSettings() { return settings; }
    public Instant getCallbackDisabledAt() { return callbackDisabledAt; }
    public Instant getResumedAt() { return resumedAt; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
