package ferry.proxies.auth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads a PEM public key ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo) for RS256 or ES256. */
public final class PublicKeys {

    private PublicKeys() {
    }

    /** @throws IllegalArgumentException if the text is not such a key of the algorithm's kind */
    public static PublicKey parse(String pem, String algorithm) {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        PublicKey key;
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            key = KeyFactory.getInstance("RS256".equals(algorithm) ? "RSA" : "EC")
                    .generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PEM public key for " + algorithm);
        }
        if ("ES256".equals(algorithm)
                && ((java.security.interfaces.ECPublicKey) key).getParams().getCurve().getField().getFieldSize() != 256) {
            throw new IllegalArgumentException("ES256 needs a P-256 key");
        }
        if ("RS256".equals(algorithm) && ((java.security.interfaces.RSAPublicKey) key).getModulus().bitLength() < 2048) {
            throw new IllegalArgumentException("RS256 needs an RSA key of at least 2048 bits");
        }
        return key;
    }
}
