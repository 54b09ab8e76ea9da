package ferry.platform.security;

import ferry.platform.control.DataDirectory;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The admin bearer token: {@code ferry.admin.token} ({@code FERRY_ADMIN_TOKEN}) if set, else a
 * random token generated at first start into the data directory (its path is logged, never the
 * token itself).
 */
@ApplicationScoped
public class AdminToken {

    private static final Logger LOG = Logger.getLogger(AdminToken.class.getName());
    private static final String FILE = "admin-token";

    @Inject
    @ConfigProperty(name = "ferry.admin.token")
    Optional<String> configured;

    @Inject
    DataDirectory data;

    private String token;

    @PostConstruct
    void load() {
        token = configured.filter(t -> !t.isBlank()).orElseGet(() -> {
            String generated = data.secret(FILE, 32);
            LOG.info("Admin token (FERRY_ADMIN_TOKEN not set) is in " + data.secretPath(FILE));
            return generated;
        });
    }

    /** Created at start, so the generated token's file exists before anyone needs it. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the observer's bean instance is created, which runs load()
    }

    /** Whether the {@code Authorization} header carries the admin token (constant-time). */
    public boolean matches(String authorization) {
        return BearerToken.from(authorization)
                .map(presented -> Secrets.constantTimeEquals(presented, token))
                .orElse(false);
    }
}
