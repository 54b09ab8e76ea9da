package ferry.platform.control;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection and are never passed on. */
public final class HopByHop {

    public static final Set<String> NAMES = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    private HopByHop() {
    }

    /** The standard hop-by-hop names plus every header named in {@code Connection}, lower-case. */
    public static Set<String> namesToDrop(Map<String, List<String>> headers) {
        Set<String> drop = new HashSet<>(NAMES);
        headers.forEach((name, values) -> {
            if (name.equalsIgnoreCase("connection")) {
                for (String value : values) {
                    for (String token : value.split(",")) {
                        if (!token.isBlank()) {
                            drop.add(token.trim().toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        });
        return drop;
    }
}
