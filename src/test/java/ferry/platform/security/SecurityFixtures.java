package ferry.platform.security;

import java.util.Optional;

/** Real security beans built as CDI would (their injected fields are package-private), for tests. */
public final class SecurityFixtures {

    private SecurityFixtures() {
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
