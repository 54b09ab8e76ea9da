package ferry.platform.control;

import ferry.platform.security.AdminToken;
import ferry.platform.security.SecretBox;

import java.nio.file.Path;
import java.util.Base64;

/**
 * Real platform beans built as CDI would, for unit tests of other packages: their injected
 * fields are package-private, so only this package can fill them in.
 */
public final class PlatformFixtures {

    /** A fixed AES-256 key (32 bytes), so sealed values are reproducible across runs. */
    public static final String SECRETS_KEY = Base64.getEncoder().encodeToString(
            "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private PlatformFixtures() {
    }

    public static DataDirectory dataDirectory(Path root) {
        DataDirectory data = new DataDirectory();
        data.dataDir = root.toString();
        return data;
    }

    public static SecretBox secretBox(String base64Key) {
        return ferry.platform.security.SecurityFixtures.secretBox(base64Key);
    }

    public static AdminToken adminToken(String token) {
        return ferry.platform.security.SecurityFixtures.adminToken(token);
    }
}
