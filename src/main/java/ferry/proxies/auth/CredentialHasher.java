package ferry.proxies.auth;

import ferry.platform.control.DataDirectory;
import ferry.platform.security.Secrets;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Keyed hashes (HMAC-SHA-256) of client API keys and bearer tokens, with a server key generated
 * into the data directory. Those secrets are high-entropy and checked on every request, so a fast
 * keyed hash is the right tool: a stolen database alone does not reveal or verify them.
 */
@ApplicationScoped
public class CredentialHasher {

    @Inject
    DataDirectory data;

    private String key;

    @PostConstruct
    void loadKey() {
        key = data.secret("credential-hmac.key", 32);
    }

    public String hash(String secret) {
        return Secrets.keyedHash(key, secret);
    }
}
