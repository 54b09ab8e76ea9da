package ferry.forwarding.target;

import java.net.URI;

/**
 * Joins a proxy's target URL and a client's path (CONTRACT.md §4): {@code targetUrl + "/" + path},
 * query kept. The path was checked at intake to be plain and relative; the result is checked
 * again here so that no path can leave the target's base URL, whatever was stored.
 */
public final class TargetUrl {

    private TargetUrl() {
    }

    public static URI join(String targetUrl, String rawPath, String rawQuery) {
        String base = targetUrl.endsWith("/") ? targetUrl.substring(0, targetUrl.length() - 1) : targetUrl;
        StringBuilder url = new StringBuilder(base);
        if (!rawPath.isEmpty()) {
            url.append('/').append(rawPath);
        }
        if (rawQuery != null && !rawQuery.isEmpty()) {
            url.append('?').append(rawQuery);
        }
        URI joined = URI.create(url.toString());
        URI baseUri = URI.create(base + "/");
        if (!joined.getRawAuthority().equals(baseUri.getRawAuthority())
                || !joined.getScheme().equalsIgnoreCase(baseUri.getScheme())
                || !(joined.getRawPath() + "/").startsWith(baseUri.getRawPath())
                || hasDotSegment(joined.getRawPath()) || joined.getRawPath().contains("//")) {
            throw new IllegalArgumentException("Path would leave the target URL: " + rawPath);
        }
        return joined;
    }

    private static boolean hasDotSegment(String rawPath) {
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
