package ferry.proxies.control;

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
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("RS256".equals(algorithm) ? "RSA" : "EC")
                    .generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PEM public key for " + algorithm);
        }
    }
}
