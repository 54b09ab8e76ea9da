package ferry.intake.control;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The client's path below {@code /async/{proxyId}/}, as it arrived (still percent-encoded).
 * Only a plain relative path is accepted, so that joining it to the proxy's target URL can never
 * leave that URL (CONTRACT.md §3): no dot segments, no encoded slashes, backslashes or dots, no
 * empty segments ({@code //}), no {@code @}, no scheme, no control characters.
 *
 * <p>Matrix parameters ({@code ;...}) are judged here, not left to the container: Grizzly strips
 * them from each segment before normalising, Undertow and others do not, so {@code ..;x} can be a
 * dot segment on one server and a name on another. A segment is therefore judged by its part before
 * the first {@code ;}: {@code .} or {@code ..} there is a dot segment ({@code ..;}, {@code .;x}),
 * and nothing there ({@code a/;x/b}) is an empty segment in disguise. Encoded dots ({@code %2e;})
 * are refused anyway by the percent-encoding rule below.
 */
public final class RequestPath {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern PCHAR = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:%/]*");

    private RequestPath() {
    }

    /** @return why the path is refused, or empty when it is a plain relative path */
    public static Optional<String> problem(String rawPath) {
        if (rawPath.isEmpty()) {
            return Optional.empty();
        }
        if (!PCHAR.matcher(rawPath).matches()) {
            return Optional.of("the path contains characters that must not appear unencoded ("
                    + "backslash, @, control or non-ASCII characters)");
        }
        if (rawPath.startsWith("/") || rawPath.contains("//")) {
            return Optional.of("the path contains an empty segment (//)");
        }
        if (SCHEME.matcher(rawPath).find()) {
            return Optional.of("the path starts with a scheme");
        }
        for (String segment : rawPath.split("/", -1)) {
            int semicolon = segment.indexOf(';');
            String name = semicolon < 0 ? segment : segment.substring(0, semicolon);
            if (name.equals(".") || name.equals("..")) {
                return Optional.of("the path contains a dot segment"
                        + (semicolon < 0 ? "" : " (before matrix parameters)"));
            }
            if (semicolon >= 0 && name.isEmpty()) {
                return Optional.of("the path contains an empty segment before matrix parameters (;)");
            }
        }
        for (int i = rawPath.indexOf('%'); i >= 0; i = rawPath.indexOf('%', i + 1)) {
            if (i + 2 >= rawPath.length() || !isHex(rawPath.charAt(i + 1)) || !isHex(rawPath.charAt(i + 2))) {
                return Optional.of("the path contains a malformed percent-encoding");
            }
            int value = Integer.parseInt(rawPath.substring(i + 1, i + 3), 16);
            if (value == '/' || value == '\\' || value == '.' || value == '%' || value == '@' || value < 0x20 || value == 0x7f) {
                return Optional.of("the path contains an encoded slash, backslash, dot, percent, @ or control character");
            }
        }
        return Optional.empty();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
