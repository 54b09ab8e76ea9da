package ferry.proxies.control;

import ferry.platform.control.BearerToken;
import ferry.platform.control.Json;
import ferry.platform.control.Problem;
import ferry.platform.control.Secrets;
import ferry.proxies.entity.Proxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Checks a request's credentials against a proxy's client authentication (CONTRACT.md §2). */
@ApplicationScoped
public class ClientAuthenticator {

    public static final String DEFAULT_API_KEY_HEADER = "X-Api-Key";

    @Inject
    CredentialHasher hasher;

    /**
     * @param headers looks a request header up by (case-insensitive) name
     * @return the credential presented, empty for {@code none}
     * @throws Problem 401 {@code auth-missing} or {@code auth-invalid}
     */
    public Optional<ClientCredential> authenticate(Proxy proxy, UnaryOperator<String> headers) {
        StoredClientAuth auth = Json.read(proxy.getClientAuth(), StoredClientAuth.class);
        switch (auth.type) {
            case "none":
                return Optional.empty();
            case "bearer": {
                String authorization = headers.apply("Authorization");
                String token = BearerToken.from(authorization)
                        .orElseThrow(() -> Problem.authMissing("Bearer realm=\"ferry\""));
                verify(auth, token);
                return Optional.of(new ClientCredential("Authorization", authorization));
            }
            case "api-key": {
                String header = auth.header == null ? DEFAULT_API_KEY_HEADER : auth.header;
                String key = headers.apply(header);
                if (key == null || key.isEmpty()) {
                    throw Problem.authMissing("ApiKey header=\"" + header + "\"");
                }
                verify(auth, key);
                return Optional.of(new ClientCredential(header, key));
            }
            default:
                throw Problem.authInvalid();
        }
    }

    /** Whether the presented secret is one of the proxy's (without throwing). */
    public boolean accepts(Proxy proxy, UnaryOperator<String> headers) {
        try {
            authenticate(proxy, headers);
            return true;
        } catch (Problem e) {
            return false;
        }
    }

    private void verify(StoredClientAuth auth, String presented) {
        String hash = hasher.hash(presented);
        boolean match = false;
        for (String stored : auth.hashes) {
            // Compare with every stored hash so the time does not tell which one matched.
            match |= Secrets.constantTimeEquals(stored, hash);
        }
        if (!match) {
            throw Problem.authInvalid();
        }
    }
}
