package ferry.platform.control;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

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
        SecretBox box = new SecretBox();
        box.configuredKey = Optional.of(base64Key);
        box.loadKey();
        return box;
    }

    public static AdminToken adminToken(String token) {
        AdminToken admin = new AdminToken();
        admin.configured = Optional.of(token);
        admin.load();
        return admin;
    }
}
