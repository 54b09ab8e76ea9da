package ferry.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the gateway from reaching private networks on a client's behalf (SSRF, CONTRACT.md §1).
 * A target or callback URL whose host is, or resolves to, a private address is refused when the
 * proxy is defined; and every connection resolves the host once, here, and connects only to the
 * addresses this check let through (so DNS rebinding between check and connect changes nothing).
 * Exceptions: the {@code ferry.egress.allow} host:port pairs, or {@code ferry.egress.allow-private=true}.
 */
@ApplicationScoped
public class EgressGuard {

    @Inject
    @ConfigProperty(name = "ferry.egress.allow")
    Optional<String> allow;

    @Inject
    @ConfigProperty(name = "ferry.egress.allow-private", defaultValue = "false")
    boolean allowPrivate;

    /** The allowed pairs as "host:port", host lower-case and without IPv6 brackets. */
    private Set<String> allowedPairs() {
        return allow.map(list -> Arrays.stream(list.split(","))
                        .map(String::trim)
                        .filter(pair -> pair.lastIndexOf(':') > 0)
                        .map(pair -> strip(pair.substring(0, pair.lastIndexOf(':'))).toLowerCase(Locale.ROOT)
                                + pair.substring(pair.lastIndexOf(':')))
                        .collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    /** Whether private addresses may be reached at this host and port. */
    public boolean mayReachPrivate(String host, int port) {
        return allowPrivate || allowedPairs().contains(strip(host).toLowerCase(Locale.ROOT) + ":" + port);
    }

    /** Why a target or callback URL may not be used, if it may not (checked at definition). */
    public Optional<String> problem(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the URL validation reports it
        }
        String host = uri.getHost();
        if (host == null) {
            return Optional.empty();
        }
        int port = port(uri);
        if (mayReachPrivate(host, port)) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(strip(host))) {
                if (PrivateAddresses.isPrivate(address)) {
                    return Optional.of("resolves to a private, loopback or link-local address ("
                            + address.getHostAddress() + "); allow it with FERRY_EGRESS_ALLOW=" + host + ":" + port);
                }
            }
        } catch (UnknownHostException e) {
            // Not resolvable now: checked again, address by address, at every connection.
        }
        return Optional.empty();
    }

    /** The port a URL connects to: its own, else the scheme's default. */
    public static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The addresses a connection to host:port may use; none allowed is a refusal. */
    public InetAddress[] resolve(String host, int port) throws UnknownHostException {
        InetAddress[] all = InetAddress.getAllByName(strip(host));
        if (mayReachPrivate(host, port)) {
            return all;
        }
        InetAddress[] allowed = Arrays.stream(all).filter(a -> !PrivateAddresses.isPrivate(a)).toArray(InetAddress[]::new);
        if (allowed.length == 0) {
            throw new EgressRefused(host + ":" + port + " resolves only to private addresses");
        }
        return allowed;
    }

    private static String strip(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
