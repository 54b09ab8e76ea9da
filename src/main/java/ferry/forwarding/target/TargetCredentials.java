package ferry.forwarding.target;

import ferry.proxies.control.TargetAuth;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Adds the proxy's target credential ({@code targetAuth}) to an outgoing attempt, and only there. */
public final class TargetCredentials {

    private TargetCredentials() {
    }

    /** Puts the credential into {@code headers} (replacing a same-named header); returns the query to use. */
    public static String apply(TargetAuth auth, Map<String, List<String>> headers, String rawQuery) {
        if (auth == null || auth.type() == null) {
            return rawQuery;
        }
        switch (auth.type()) {
            case "bearer" -> headers.put("authorization", List.of("Bearer " + auth.token()));
            case "basic" -> headers.put("authorization", List.of("Basic " + Base64.getEncoder()
                    .encodeToString((auth.username() + ":" + auth.password()).getBytes(StandardCharsets.UTF_8))));
            case "header" -> headers.put(auth.name().toLowerCase(Locale.ROOT), List.of(auth.value()));
            case "query" -> {
                String pair = URLEncoder.encode(auth.name(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(auth.value(), StandardCharsets.UTF_8);
                return rawQuery == null || rawQuery.isEmpty() ? pair : rawQuery + "&" + pair;
            }
            default -> { }
        }
        return rawQuery;
    }
}
