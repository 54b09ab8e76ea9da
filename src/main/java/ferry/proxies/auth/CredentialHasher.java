package ferry.proxies.auth;

import ferry.platform.control.DataDirectory;
import ferry.platform.security.Secrets;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keyed hashes (HMAC-SHA-256) of client API keys and bearer tokens. Those secrets are
 * high-entropy and checked on every request, so a fast keyed hash is the right tool: a stolen
 * database alone does not reveal or verify them. The key is generated into the data directory of
 * the embedded installation; with a shared database ({@code ferry.db.url}) every node must hash
 * alike, so it is derived from the key all nodes share, {@code ferry.secrets.key} (start.sh
 * insists on that key there).
 */
@ApplicationScoped
public class CredentialHasher {

    @Inject
    DataDirectory data;

    @Inject
    @ConfigProperty(name = "ferry.db.url")
    Optional<String> sharedDatabase = Optional.empty(); // injected; unset in plain unit tests

    @Inject
    @ConfigProperty(name = "ferry.secrets.key")
    Optional<String> sharedKey = Optional.empty();

    private String key;

    @PostConstruct
    void loadKey() {
        if (sharedDatabase.filter(url -> !url.isBlank()).isPresent()) {
            key = derivedFrom(sharedKey.filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException(
                    "a shared database (ferry.db.url) needs ferry.secrets.key, the same on every node")));
        } else {
            key = data.secret("credential-hmac.key", 32);
        }
    }

    /** The hashing key of every node that shares {@code secretsKey}: its own purpose, never the key itself. */
    static String derivedFrom(String secretsKey) {
        return Secrets.keyedHash(secretsKey, "ferry credential hashing v1");
    }

    public String hash(String secret) {
        return Secrets.keyedHash(key, secret);
    }
}
