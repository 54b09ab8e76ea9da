package ferry.proxies.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef-hs256";

    static String pem(KeyPair pair) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    static StoredClientAuth auth(String algorithm, String pem, String issuer, String audience) {
        StoredClientAuth a = new StoredClientAuth();
        a.type = "jwt";
        a.algorithm = algorithm;
        a.publicKeyPem = pem;
        a.issuer = issuer;
        a.audience = audience;
        return a;
    }

    static String token(JWSAlgorithm alg, JWSSigner signer, long expOffsetSeconds, long nbfOffsetSeconds,
                        String issuer, String audience) throws Exception {
        long now = System.currentTimeMillis();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject("client")
                .expirationTime(new Date(now + expOffsetSeconds * 1000))
                .notBeforeTime(new Date(now + nbfOffsetSeconds * 1000));
        if (issuer != null) claims.issuer(issuer);
        if (audience != null) claims.audience(audience);
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims.build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    @Test
    void hs256ValidAndTamperedTokens() throws Exception {
        StoredClientAuth hs = auth("HS256", null, "ferry-tests", "ferry");
        assertTrue(JwtVerifier.verify(token(JWSAlgorithm.HS256, new MACSigner(SECRET), 300, -10, "ferry-tests", "ferry"), hs, SECRET));
        assertFalse(JwtVerifier.verify(token(JWSAlgorithm.HS256, new MACSigner(SECRET + "x"), 300, -10, "ferry-tests", "ferry"), hs, SECRET));
        assertFalse(JwtVerifier.verify(token(JWSAlgorithm.HS256, new MACSigner(SECRET), 300, -10, "someone-else", "ferry"), hs, SECRET));
        assertFalse(JwtVerifier.verify(token(JWSAlgorithm.HS256, new MACSigner(SECRET), 300, -10, "ferry-tests", "other"), hs, SECRET));
        assertFalse(JwtVerifier.verify("not.a.jwt", hs, SECRET));
    }

    @Test
    void expiryAndNotBeforeHaveSixtySecondsOfLeeway() throws Exception {
        StoredClientAuth hs = auth("HS256", null, null, null);
        MACSigner signer = new MACSigner(SECRET);
        assertTrue(JwtVerifier.verify(token(JWSAlgorithm.HS256, signer, -30, -100, null, null), hs, SECRET), "30 s late");
        assertFalse(JwtVerifier.verify(token(JWSAlgorithm.HS256, signer, -120, -200, null, null), hs, SECRET), "2 min late");
        assertTrue(JwtVerifier.verify(token(JWSAlgorithm.HS256, signer, 300, 30, null, null), hs, SECRET), "30 s early");
        assertFalse(JwtVerifier.verify(token(JWSAlgorithm.HS256, signer, 600, 120, null, null), hs, SECRET), "2 min early");
    }

    @Test
    void aTokenWithoutExpiryIsRefused() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject("client").build());
        jwt.sign(new MACSigner(SECRET));
        assertFalse(JwtVerifier.verify(jwt.serialize(), auth("HS256", null, null, null), SECRET));
    }

    @Test
    void withoutAKeyNothingVerifies() throws Exception {
        String token = token(JWSAlgorithm.HS256, new MACSigner(SECRET), 300, -10, null, null);
        assertFalse(JwtVerifier.verify(token, auth("HS256", null, null, null), null));
        assertFalse(JwtVerifier.verify(token, auth("RS256", null, null, null), null));
    }

    @Test
    void keysOfTheWrongSizeOrCurveAreRefusedAtDefinition() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PublicKeys.parse(pem(ec.generateKeyPair()), "ES256"));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PublicKeys.parse(pem(rsa.generateKeyPair()), "RS256"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PublicKeys.parse("-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----", "RS256"));
    }

    @Test
    void unsecuredTokensAreRefused() {
        String none = new PlainJWT(new JWTClaimsSet.Builder().subject("client")
                .expirationTime(new Date(System.currentTimeMillis() + 60_000)).build()).serialize();
        assertFalse(JwtVerifier.verify(none, auth("HS256", null, null, null), SECRET));
        assertFalse(JwtVerifier.verify(none + "c2ln", auth("HS256", null, null, null), SECRET));
    }

    @Test
    void rs256AndTheAlgorithmIsPinned() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair ours = rsa.generateKeyPair();
        KeyPair theirs = rsa.generateKeyPair();
        StoredClientAuth rs = auth("RS256", pem(ours), null, null);
        assertTrue(JwtVerifier.verify(token(JWSAlgorithm.RS256, new RSASSASigner(ours.getPrivate()), 300, -10, null, null), rs, null));
        assertFalse(JwtVerifier.verify(token(JWSAlgorithm.RS256, new RSASSASigner(theirs.getPrivate()), 300, -10, null, null), rs, null));
        // Algorithm confusion: an HS256 token "signed" with the public key as the HMAC secret.
        byte[] publicAsSecret = pem(ours).getBytes();
        assertFalse(JwtVerifier.verify(token(JWSAlgorithm.HS256, new MACSigner(publicAsSecret), 300, -10, null, null), rs, null));
    }

    @Test
    void es256() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ours = ec.generateKeyPair();
        KeyPair theirs = ec.generateKeyPair();
        StoredClientAuth es = auth("ES256", pem(ours), null, null);
        assertTrue(JwtVerifier.verify(token(JWSAlgorithm.ES256, new ECDSASigner((ECPrivateKey) ours.getPrivate()), 300, -10, null, null), es, null));
        assertFalse(JwtVerifier.verify(token(JWSAlgorithm.ES256, new ECDSASigner((ECPrivateKey) theirs.getPrivate()), 300, -10, null, null), es, null));
    }
}
