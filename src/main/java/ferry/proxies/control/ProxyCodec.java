package ferry.proxies.control;

import ferry.proxies.auth.ClientAuthenticator;
import ferry.proxies.auth.CredentialHasher;
import ferry.proxies.auth.PasswordHasher;
import ferry.proxies.auth.StoredClientAuth;

import ferry.platform.control.Json;
import ferry.platform.security.SecretBox;
import ferry.proxies.entity.Proxy;
import java.util.List;

/**
 * Converts between the admin API's {@link ProxySpec} and what a {@link Proxy} row stores:
 * client secrets become keyed hashes, secrets left out of a replacement keep their stored values,
 * and what is shown never contains a secret.
 */
public final class ProxyCodec {

    private ProxyCodec() {
    }

    public static String clientAuth(ProxySpec.ClientAuth given, StoredClientAuth previous, CredentialHasher hasher,
                                    SecretBox secrets) {
        StoredClientAuth stored = new StoredClientAuth();
        stored.type = given.type;
        boolean sameKind = previous != null && given.type.equals(previous.type);
        if ("basic".equals(given.type)) {
            if (given.users == null && sameKind) {
                stored.users = previous.users;
            } else {
                stored.users = new java.util.TreeMap<>();
                given.users.forEach((user, password) -> stored.users.put(user, PasswordHasher.hash(password)));
            }
            return Json.write(stored);
        }
        if ("jwt".equals(given.type)) {
            stored.algorithm = given.algorithm;
            stored.issuer = given.issuer;
            stored.audience = given.audience;
            boolean keepKey = sameKind && given.algorithm.equals(previous.algorithm);
            if ("HS256".equals(given.algorithm)) {
                stored.sealedSecret = given.secret != null ? secrets.seal(given.secret) : keepKey ? previous.sealedSecret : null;
            } else {
                stored.publicKeyPem = given.publicKeyPem != null ? given.publicKeyPem : keepKey ? previous.publicKeyPem : null;
            }
            return Json.write(stored);
        }
        if ("api-key".equals(given.type)) {
            stored.header = given.header != null ? given.header
                    : previous != null && previous.header != null ? previous.header
                    : ClientAuthenticator.DEFAULT_API_KEY_HEADER;
        }
        List<String> presented = "bearer".equals(given.type) ? given.tokens
                : "api-key".equals(given.type) ? given.keys : List.of();
        if (presented == null && sameKind) {
            stored.hashes = previous.hashes;
        } else {
            stored.hashes = presented == null ? List.of() : presented.stream().map(hasher::hash).toList();
        }
        return Json.write(stored);
    }

    public static String targetAuth(ProxySpec.TargetAuth given, ProxySpec.TargetAuth previous) {
        if (given == null || given.type == null) {
            ProxySpec.TargetAuth none = new ProxySpec.TargetAuth();
            none.type = "none";
            return Json.write(none);
        }
        if (previous != null && given.type.equals(previous.type)) {
            if (given.token == null) given.token = previous.token;
            if (given.value == null) given.value = previous.value;
            if (given.password == null) given.password = previous.password;
            if (given.name == null) given.name = previous.name;
            if (given.username == null) given.username = previous.username;
        }
        return Json.write(given);
    }

    /** The settings of {@code given}; a callback given without a secret keeps the stored one. */
    public static ProxySettings settings(ProxySpec given, ProxySettings previous) {
        ProxySettings settings = ProxySettings.from(given);
        ProxySettings.Callback callback = settings.callback();
        if (callback != null && callback.secret() == null && previous != null && previous.callback() != null) {
            return settings.withCallback(callback.withSecrets(previous.callback().secret(), callback.nextSecret()));
        }
        return settings;
    }

    /** The proxy as the admin API shows it: no secret, no hash. */
    public static ProxySpec view(Proxy proxy, ProxySettings settings, SecretBox secrets) {
        ProxySpec view = settings.asSpec();
        if (view.callback != null) {
            view.callback.secret = null; // write-only
            view.callback.nextSecret = null;
            view.callback.disabledAt = proxy.getCallbackDisabledAt() == null ? null : proxy.getCallbackDisabledAt().toString();
        }
        view.id = proxy.getId();
        view.targetUrl = proxy.getTargetUrl();
        view.mode = proxy.getMode().label();
        view.paused = proxy.isPaused();
        view.createdAt = proxy.getCreatedAt().toString();
        view.updatedAt = proxy.getUpdatedAt().toString();

        StoredClientAuth client = Json.read(proxy.getClientAuth(), StoredClientAuth.class);
        view.clientAuth = new ProxySpec.ClientAuth();
        view.clientAuth.type = client.type;
        view.clientAuth.header = client.header;
        view.clientAuth.algorithm = client.algorithm;
        view.clientAuth.issuer = client.issuer;
        view.clientAuth.audience = client.audience;
        view.clientAuth.publicKeyPem = client.publicKeyPem; // public, not a secret

        ProxySpec.TargetAuth target = Json.read(secrets.open(proxy.getTargetAuth()), ProxySpec.TargetAuth.class);
        view.targetAuth = new ProxySpec.TargetAuth();
        view.targetAuth.type = target.type;
        view.targetAuth.name = target.name;
        view.targetAuth.username = target.username;

        return view;
    }
}
