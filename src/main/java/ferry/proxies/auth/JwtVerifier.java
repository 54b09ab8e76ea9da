package ferry.proxies.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks a client's JWT (Nimbus JOSE+JWT): signed (an unsecured {@code alg: none} token does not
 * even parse as signed), with exactly the proxy's algorithm (no algorithm confusion), by the
 * proxy's key, within {@code exp}/{@code nbf} give or take 60 s, and with the proxy's issuer and
 * audience when it names them.
 */
public final class JwtVerifier {

    static final int LEEWAY_SECONDS = 60;

    private JwtVerifier() {
    }

    /** @param secret the HS256 secret (opened), or null for RS256/ES256 */
    public static boolean verify(String token, StoredClientAuth auth, String secret) {
        if ("HS256".equals(auth.algorithm) ? secret == null : auth.publicKeyPem == null) {
            return false; // no key: nothing can be verified
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSAlgorithm expected = JWSAlgorithm.parse(auth.algorithm);
            if (!expected.equals(jwt.getHeader().getAlgorithm())) {
                return false;
            }
            if (!jwt.verify(verifier(auth, secret))) {
                return false;
            }
            JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
            Set<String> required = new HashSet<>(Set.of("exp")); // a token without an expiry never expires: refused
            if (auth.issuer != null) {
                exact.issuer(auth.issuer);
            }
            // Mutable sets: the verifier asks them about null entries, which Set.of refuses to answer.
            DefaultJWTClaimsVerifier<?> claims = new DefaultJWTClaimsVerifier<>(
                    auth.audience == null ? null : new HashSet<>(Set.of(auth.audience)), exact.build(), required,
                    new HashSet<>());
            claims.setMaxClockSkew(LEEWAY_SECONDS);
            claims.verify(jwt.getJWTClaimsSet(), null);
            return true;
        } catch (ParseException | JOSEException | BadJWTException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Issuer and subject of a token already verified, to count it by the client it stands for. */
    public static String subject(String token) {
        try {
            JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
            return claims.getIssuer() + "/" + claims.getSubject();
        } catch (ParseException e) {
            return token;
        }
    }

    private static JWSVerifier verifier(StoredClientAuth auth, String secret) throws JOSEException {
        return switch (auth.algorithm) {
            case "HS256" -> new MACVerifier(secret);
            case "RS256" -> new RSASSAVerifier((RSAPublicKey) PublicKeys.parse(auth.publicKeyPem, "RS256"));
            case "ES256" -> new ECDSAVerifier((ECPublicKey) PublicKeys.parse(auth.publicKeyPem, "ES256"));
            default -> throw new JOSEException("unsupported algorithm " + auth.algorithm);
        };
    }
}
