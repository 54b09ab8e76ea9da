package ferry.proxies.auth;

import java.util.List;
import java.util.Map;

/**
 * A proxy's client authentication as stored: the kind and what checking it needs, never a
 * secret in the clear: API keys and bearer tokens as keyed hashes, Basic passwords as slow
 * hashes, a JWT HMAC secret sealed with the secret box; public keys as they are.
 */
public class StoredClientAuth {
    public String type;
    public String header;
    public List<String> hashes;
    /** Basic: user name to password hash. */
    public Map<String, String> users;
    /** JWT: HS256, RS256 or ES256. */
    public String algorithm;
    public String sealedSecret;
    public String publicKeyPem;
    public String issuer;
    public String audience;
}
