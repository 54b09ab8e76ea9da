package ferry.proxies.auth;

import ferry.proxies.control.ProxySettings;

import ferry.proxies.control.ProxyCodec;

import ferry.proxies.control.ProxySpec;

import ferry.platform.control.PlatformFixtures;
import ferry.platform.security.SecretBox;
import ferry.proxies.entity.Proxy;
import ferry.proxies.entity.ServingMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A real {@link ClientAuthenticator} (keyed hashes with a fixed key, a secret box with a fixed
 * key) and proxies whose client auth is stored as the admin API stores it ({@link ProxyCodec}).
 */
public final class ClientAuthFixture {

    public static final String HMAC_KEY = "fixed-credential-hmac-key-for-unit-tests";

    public final CredentialHasher hasher = new CredentialHasher();
    public final SecretBox secrets = PlatformFixtures.secretBox(PlatformFixtures.SECRETS_KEY);
    public final ClientAuthenticator authenticator = new ClientAuthenticator();

    /** @param dataDir an empty directory; the HMAC key is written into it as the server keeps it */
    public ClientAuthFixture(Path dataDir) {
        try {
            Path key = dataDir.resolve("keys").resolve("credential-hmac.key");
            Files.createDirectories(key.getParent());
            Files.writeString(key, HMAC_KEY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        hasher.data = PlatformFixtures.dataDirectory(dataDir);
        hasher.loadKey();
        authenticator.hasher = hasher;
        authenticator.secrets = secrets;
    }

    /** A proxy with the given client auth, stored as {@link ProxyCodec} stores a new definition. */
    public Proxy proxy(String id, ProxySpec.ClientAuth given) {
        Proxy proxy = new Proxy(id, Instant.parse("2025-01-01T00:00:00Z"));
        proxy.define("https://target.example/v1", ServingMode.BOTH, ProxyCodec.clientAuth(given, null, hasher, secrets),
                ProxyCodec.targetAuth(null, null), ProxySettings.from(new ProxySpec()).json(), proxy.getCreatedAt());
        return proxy;
    }

    public static ProxySpec.ClientAuth none() {
        return kind("none");
    }

    public static ProxySpec.ClientAuth bearer(String... tokens) {
        ProxySpec.ClientAuth auth = kind("bearer");
        auth.tokens = List.of(tokens);
        return auth;
    }

    /** @param header null for the default */
    public static ProxySpec.ClientAuth apiKey(String header, String... keys) {
        ProxySpec.ClientAuth auth = kind("api-key");
        auth.header = header;
        auth.keys = List.of(keys);
        return auth;
    }

    public static ProxySpec.ClientAuth basic(Map<String, String> users) {
        ProxySpec.ClientAuth auth = kind("basic");
        auth.users = users;
        return auth;
    }

    public static ProxySpec.ClientAuth jwtHs256(String secret, String issuer, String audience) {
        ProxySpec.ClientAuth auth = kind("jwt");
        auth.algorithm = "HS256";
        auth.secret = secret;
        auth.issuer = issuer;
        auth.audience = audience;
        return auth;
    }

    private static ProxySpec.ClientAuth kind(String type) {
        ProxySpec.ClientAuth auth = new ProxySpec.ClientAuth();
        auth.type = type;
        return auth;
    }
}
