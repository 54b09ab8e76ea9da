package ferry.platform.control;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The scheme and host a client used, as a trusted reverse proxy reports them ({@code Forwarded},
 * RFC 7239, else {@code X-Forwarded-Proto} / {@code -Host} / {@code -Port}), so that the URLs
 * Ferry hands out ({@code Location}, {@code fetchUrl}) point where the client can reach them.
 * Only applied with {@code ferry.http.trust-forwarded=true}: anyone can send these headers.
 */
public final class ForwardedOrigin {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\]");

    private ForwardedOrigin() {
    }

    /**
     * @return {@code uri} with the forwarded scheme, host and port, or empty if the headers say
     *         nothing usable (unknown scheme, malformed host: ignored rather than trusted blindly)
     */
    public static Optional<URI> apply(URI uri, String forwarded, String xProto, String xHost, String xPort) {
        String proto = null;
        String host = null;
        if (forwarded != null) {
            String first = forwarded.split(",", 2)[0]; // the proxy nearest the client
            for (String pair : first.split(";")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = unquote(pair.substring(eq + 1).trim());
                if (name.equals("proto")) {
                    proto = value;
                } else if (name.equals("host")) {
                    host = value;
                }
            }
        } else {
            proto = first(xProto);
            host = first(xHost);
            String port = first(xPort);
            if (host != null && port != null && host.indexOf(':') < 0 && port.matches("\\d{1,5}")) {
                host = host + ":" + port;
            }
        }
        if (proto == null && host == null) {
            return Optional.empty();
        }
        String scheme = proto == null ? uri.getScheme() : proto.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        String authority = host == null ? uri.getRawAuthority() : host;
        String bare = authority.startsWith("[") ? authority.substring(0, authority.indexOf(']') + 1)
                : authority.split(":", 2)[0];
        String port = authority.length() > bare.length() ? authority.substring(bare.length()) : "";
        if (!HOST.matcher(bare).matches() || !(port.isEmpty() || port.matches(":\\d{1,5}"))) {
            return Optional.empty();
        }
        return Optional.of(URI.create(scheme + "://" + authority + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
    }

    private static String first(String header) {
        return header == null ? null : header.split(",", 2)[0].trim();
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
