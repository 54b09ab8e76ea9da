package ferry.proxies.auth;

import ferry.platform.security.BearerToken;
import ferry.platform.control.Json;
import ferry.platform.problems.Problem;
import ferry.platform.security.SecretBox;
import ferry.platform.security.Secrets;
import ferry.proxies.entity.Proxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;

/** Checks a request's credentials against a proxy's client authentication (CONTRACT.md §2). */
@ApplicationScoped
public class ClientAuthenticator {

    public static final String DEFAULT_API_KEY_HEADER = "X-Api-Key";

    @Inject
    CredentialHasher hasher;

    @Inject
    SecretBox secrets;

    final VerifiedPasswords verifiedBasic = new VerifiedPasswords();

    /** The slow password check, {@link PasswordHasher#verify} (a seam: unit tests see what it is asked). */
    BiPredicate<String, String> passwordCheck = PasswordHasher::verify;

    /**
     * @param headers looks a request header up by (case-insensitive) name
     * @return the credential presented, empty for {@code none}
     * @throws Problem 401 {@code auth-missing} or {@code auth-invalid}
     */
    public Optional<ClientCredential> authenticate(Proxy proxy, UnaryOperator<String> headers) {
        return authenticate(Json.read(proxy.getClientAuth(), StoredClientAuth.class), headers);
    }

    /** The check itself, on the stored document already read (the one seam unit tests need). */
    Optional<ClientCredential> authenticate(StoredClientAuth auth, UnaryOperator<String> headers) {
        switch (auth.type) {
            case "none":
                return Optional.empty();
            case "bearer": {
                String authorization = headers.apply("Authorization");
                String token = BearerToken.from(authorization)
                        .orElseThrow(() -> Problem.authMissing("Bearer realm=\"ferry\""));
                verify(auth, token);
                return Optional.of(new ClientCredential("Authorization", authorization, "token:" + token));
            }
            case "api-key": {
                String header = auth.header == null ? DEFAULT_API_KEY_HEADER : auth.header;
                String key = headers.apply(header);
                if (key == null || key.isEmpty()) {
                    throw Problem.authMissing("ApiKey header=\"" + header + "\"");
                }
                verify(auth, key);
                return Optional.of(new ClientCredential(header, key, "key:" + key));
            }
            case "basic": {
                String authorization = headers.apply("Authorization");
                if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                    throw Problem.authMissing("Basic realm=\"ferry\"");
                }
                String user = verifyBasic(auth, authorization.substring(6).trim());
                return Optional.of(new ClientCredential("Authorization", authorization, "user:" + user));
            }
            case "jwt": {
                String authorization = headers.apply("Authorization");
                String token = BearerToken.from(authorization)
                        .orElseThrow(() -> Problem.authMissing("Bearer realm=\"ferry\""));
                String secret = auth.sealedSecret == null ? null : secrets.open(auth.sealedSecret);
                if (!JwtVerifier.verify(token, auth, secret)) {
                    throw Problem.authInvalid();
                }
                return Optional.of(new ClientCredential("Authorization", authorization, "jwt:" + JwtVerifier.subject(token)));
            }
            default:
                throw Problem.authInvalid();
        }
    }

    /**
     * Basic credentials against slow password hashes; a successful check is remembered for a
     * minute (by a digest, never the password) so that a busy client does not pay the hash on
     * every request. A credential refused before its password could be checked (undecodable, no
     * user name, unknown user) still costs one verification of the same cost, against a dummy
     * hash, so that the time taken does not tell a known user name from an unknown one.
     */
    private String verifyBasic(StoredClientAuth auth, String encoded) {
        String decoded;
        try {
            decoded = new String(java.util.Base64.getDecoder().decode(encoded), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refusedAfterEqualWork(encoded);
        }
        int colon = decoded.indexOf(':');
        String stored = colon <= 0 || auth.users == null ? null : auth.users.get(decoded.substring(0, colon));
        if (stored == null) {
            throw refusedAfterEqualWork(colon < 0 ? decoded : decoded.substring(colon + 1));
        }
        String user = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        String fingerprint = PasswordHasher.fingerprint(user, password, stored);
        long now = System.nanoTime();
        if (verifiedBasic.recentlyVerified(fingerprint, now)) {
            return user;
        }
        if (!passwordCheck.test(password, stored)) {
            throw Problem.authInvalid();
        }
        verifiedBasic.remember(fingerprint, now);
        return user;
    }

    /** Verifies {@code presented} against the dummy hash (never a match), then refuses. */
    private Problem refusedAfterEqualWork(String presented) {
        passwordCheck.test(presented, PasswordHasher.dummyHash());
        return Problem.authInvalid();
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
