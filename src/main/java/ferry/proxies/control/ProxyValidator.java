package ferry.proxies.control;

import ferry.platform.control.HttpUrls;
import ferry.platform.security.WebhookSecret;
import ferry.proxies.auth.PublicKeys;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import ferry.proxies.entity.Proxy;
import ferry.proxies.entity.ServingMode;

/** Checks a proxy definition and names every bad field (the admin API answers 400 with the list). */
public final class ProxyValidator {

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");
    static final Set<String> CLIENT_AUTH_TYPES = Set.of("bearer", "api-key", "basic", "jwt", "none");
    static final Set<String> JWT_ALGORITHMS = Set.of("HS256", "RS256", "ES256");
    /** Headers a target credential may not take the name of. */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "content-type",
            "transfer-encoding", "connection", "keep-alive", "te", "trailer", "upgrade", "proxy-authorization",
            "proxy-authenticate", "idempotency-key", "ferry-request-id", "ferry-attempt", "traceparent");
    static final Set<String> TARGET_AUTH_TYPES = Set.of("bearer", "header", "basic", "query", "none");

    private ProxyValidator() {
    }

    /**
     * @param storedClientType the client auth kind already stored ({@code PUT}), or null
     * @param storedTargetType the target auth kind already stored, or null: secrets may only be
     *                         left out when the kind stays the same, since only then are they kept
     */
    public static List<String> problems(ProxySpec spec, String storedClientType, String storedTargetType,
                                        boolean storedCallbackSecret) {
        List<String> errors = new ArrayList<>();
        boolean keepsClientSecrets = spec.clientAuth != null && spec.clientAuth.type != null
                && spec.clientAuth.type.equals(storedClientType);
        boolean keepsTargetSecrets = spec.targetAuth != null && spec.targetAuth.type != null
                && spec.targetAuth.type.equals(storedTargetType);
        if (spec.id != null && !Proxy.isValidId(spec.id)) {
            errors.add("id: must match [a-z0-9-]{1,64}");
        }
        checkTargetUrl(spec.targetUrl, errors);
        if (spec.mode != null && ServingMode.of(spec.mode).isEmpty()) {
            errors.add("mode: must be one of async, sync, both");
        }
        checkClientAuth(spec.clientAuth, keepsClientSecrets, errors);
        checkTargetAuth(spec.targetAuth, keepsTargetSecrets, errors);
        checkSettings(ProxySettings.from(spec), storedCallbackSecret, errors);
        return errors;
    }

    private static void checkTargetUrl(String targetUrl, List<String> errors) {
        if (targetUrl == null || targetUrl.isBlank()) {
            errors.add("targetUrl: required");
            return;
        }
        try {
            URI uri = new URI(targetUrl);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                errors.add("targetUrl: must be an absolute http or https URL");
            } else if (uri.getHost() == null) {
                errors.add("targetUrl: must name a host");
            } else if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                errors.add("targetUrl: must not carry user info, a query or a fragment");
            } else if (!isCanonicalPath(uri.getRawPath())) {
                errors.add("targetUrl: the path must be canonical (no empty, '.' or '..' segments, no encoded"
                        + " dot or slash)");
            }
        } catch (URISyntaxException e) {
            errors.add("targetUrl: not a valid URL");
        }
    }

    /**
     * Requests are joined below the target URL's path and checked not to leave it; a base that is
     * not canonical ({@code /v1//x}, {@code /./v1}) would fail that check on every attempt, so it
     * is refused here, once. A trailing slash is fine (it is dropped when stored).
     */
    static boolean isCanonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return true;
        }
        String path = rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        if (path.isEmpty()) {
            return true;
        }
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || path.contains("\\")) {
            return false;
        }
        String[] segments = path.substring(1).split("/", -1);
        for (String segment : segments) {
            String bare = segment.indexOf(';') >= 0 ? segment.substring(0, segment.indexOf(';')) : segment;
            if (bare.isEmpty() || bare.equals(".") || bare.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static void checkClientAuth(ProxySpec.ClientAuth auth, boolean existing, List<String> errors) {
        if (auth == null || auth.type == null) {
            errors.add("clientAuth: required, with a type (" + String.join(", ", CLIENT_AUTH_TYPES) + ")");
            return;
        }
        if (!CLIENT_AUTH_TYPES.contains(auth.type)) {
            errors.add("clientAuth.type: must be one of " + String.join(", ", CLIENT_AUTH_TYPES));
            return;
        }
        switch (auth.type) {
            case "bearer" -> checkSecrets("clientAuth.tokens", auth.tokens, existing, errors);
            case "api-key" -> {
                checkSecrets("clientAuth.keys", auth.keys, existing, errors);
                if (auth.header != null && !HEADER_NAME.matcher(auth.header).matches()) {
                    errors.add("clientAuth.header: not a valid header name");
                }
            }
            case "basic" -> checkUsers(auth.users, existing, errors);
            case "jwt" -> checkJwt(auth, existing, errors);
            default -> { }
        }
    }

    private static void checkUsers(java.util.Map<String, String> users, boolean existing, List<String> errors) {
        if (users == null) {
            if (!existing) {
                errors.add("clientAuth.users: at least one user is required");
            }
            return;
        }
        if (users.isEmpty()) {
            errors.add("clientAuth.users: at least one user is required");
        }
        users.forEach((user, password) -> {
            if (user == null || user.isEmpty() || user.contains(":") || user.length() > 128) {
                errors.add("clientAuth.users: user names are 1 to 128 characters without ':'");
            } else if (password == null || password.length() < 8 || password.length() > 512) {
                errors.add("clientAuth.users." + user + ": passwords are 8 to 512 characters");
            }
        });
    }

    private static void checkJwt(ProxySpec.ClientAuth auth, boolean existing, List<String> errors) {
        if (auth.algorithm == null || !JWT_ALGORITHMS.contains(auth.algorithm)) {
            errors.add("clientAuth.algorithm: must be one of HS256, RS256, ES256");
            return;
        }
        if ("HS256".equals(auth.algorithm)) {
            if (auth.secret == null && !existing) {
                errors.add("clientAuth.secret: required for HS256");
            } else if (auth.secret != null && auth.secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
                errors.add("clientAuth.secret: at least 32 bytes for HS256");
            }
            if (auth.publicKeyPem != null) {
                errors.add("clientAuth.publicKeyPem: not used with HS256");
            }
            return;
        }
        if (auth.secret != null) {
            errors.add("clientAuth.secret: not used with " + auth.algorithm);
        }
        if (auth.publicKeyPem == null) {
            if (!existing) {
                errors.add("clientAuth.publicKeyPem: required for " + auth.algorithm);
            }
            return;
        }
        try {
            PublicKeys.parse(auth.publicKeyPem, auth.algorithm);
        } catch (IllegalArgumentException e) {
            errors.add("clientAuth.publicKeyPem: " + e.getMessage());
        }
    }

    private static void checkSecrets(String field, List<String> secrets, boolean existing, List<String> errors) {
        if (secrets == null) {
            if (!existing) {
                errors.add(field + ": at least one is required");
            }
            return;
        }
        if (secrets.isEmpty() || secrets.stream().anyMatch(s -> s == null || s.length() < 8 || s.length() > 512)) {
            errors.add(field + ": at least one, each 8 to 512 characters");
        }
    }

    private static void checkTargetAuth(ProxySpec.TargetAuth auth, boolean existing, List<String> errors) {
        if (auth == null || auth.type == null) {
            return;
        }
        if (!TARGET_AUTH_TYPES.contains(auth.type)) {
            errors.add("targetAuth.type: must be one of " + String.join(", ", TARGET_AUTH_TYPES));
            return;
        }
        boolean missing = switch (auth.type) {
            case "bearer" -> auth.token == null;
            case "header", "query" -> auth.name == null || auth.value == null;
            case "basic" -> auth.username == null || auth.password == null;
            default -> false;
        };
        if (missing && !existing) {
            errors.add("targetAuth: missing fields for type " + auth.type);
        }
        if (auth.name != null && !HEADER_NAME.matcher(auth.name).matches()) {
            errors.add("targetAuth.name: not a valid header or parameter name");
        } else if ("header".equals(auth.type) && auth.name != null && RESERVED_HEADERS.contains(auth.name.toLowerCase())) {
            errors.add("targetAuth.name: " + auth.name + " is set by the gateway or the connection");
        }
        for (String value : new String[] {auth.token, auth.value, auth.username, auth.password}) {
            if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
                errors.add("targetAuth: values must not contain CR or LF");
                break;
            }
        }
    }

    private static void checkSettings(ProxySettings s, boolean storedCallbackSecret, List<String> errors) {
        ProxySettings.Retry r = s.retry();
        range("retry.maxRetries", r.maxRetries(), 0, SettingLimits.MAX_RETRIES, errors);
        range("retry.windowSeconds", r.windowSeconds(), 1, SettingLimits.MAX_WINDOW_SECONDS, errors);
        range("retry.initialDelayMs", r.initialDelayMs(), 0, SettingLimits.MAX_DELAY_MS, errors);
        if (r.maxDelayMs() < r.initialDelayMs()) {
            errors.add("retry.maxDelayMs: must be at least initialDelayMs");
        } else {
            range("retry.maxDelayMs", r.maxDelayMs(), 0, SettingLimits.MAX_DELAY_MS, errors);
        }
        range("retry.attemptTimeoutMs", r.attemptTimeoutMs(), 1, SettingLimits.MAX_ATTEMPT_TIMEOUT_MS, errors);
        if (r.retryOn().stream().anyMatch(code -> code == null || code < 100 || code > 599)) {
            errors.add("retry.retryOn: statuses must be between 100 and 599");
        }
        ProxySettings.Limits l = s.limits();
        range("limits.maxConcurrency", l.maxConcurrency(), 1, SettingLimits.MAX_CONCURRENCY, errors);
        rate("limits.forwardPerSecond", l.forwardPerSecond(), errors);
        rate("limits.intakePerSecond", l.intakePerSecond(), errors);
        range("limits.maxBacklog", l.maxBacklog(), 1, SettingLimits.MAX_BACKLOG, errors);
        range("limits.maxBodyBytes", l.maxBodyBytes(), 1, SettingLimits.MAX_BODY_BYTES, errors);
        range("sync.waitSeconds", s.sync().waitSeconds(), 1, SettingLimits.MAX_WAIT_SECONDS, errors);
        range("sync.deadlineSeconds", s.sync().deadlineSeconds(), 1, SettingLimits.MAX_DEADLINE_SECONDS, errors);
        range("retentionSeconds", s.retentionSeconds(), 1, SettingLimits.MAX_RETENTION_SECONDS, errors);
        if (s.callback() != null) {
            checkCallbackUrl(s.callback().url(), errors);
            checkCallbackSecrets(s.callback(), storedCallbackSecret, errors);
        }
    }

    private static void range(String field, long value, long min, long max, List<String> errors) {
        if (value < min || value > max) {
            errors.add(field + ": must be between " + min + " and " + max);
        }
    }

    /** A rate is optional (null: none); when given, positive and at most the maximum. */
    private static void rate(String field, Double value, List<String> errors) {
        if (value != null && !(value > 0 && value <= SettingLimits.MAX_PER_SECOND)) {
            errors.add(field + ": must be positive and at most " + (long) SettingLimits.MAX_PER_SECOND);
        }
    }

    /** A callback is signed: a secret is required, unless a replacement keeps the stored one. */
    private static void checkCallbackSecrets(ProxySettings.Callback callback, boolean storedSecret, List<String> errors) {
        if (callback.secret() == null && !storedSecret) {
            errors.add("callback.secret: required, " + WebhookSecret.PREFIX + " followed by the base64 of "
                    + WebhookSecret.MIN_KEY_BYTES + " to " + WebhookSecret.MAX_KEY_BYTES + " random bytes");
        }
        checkSecret("callback.secret", callback.secret(), errors);
        checkSecret("callback.nextSecret", callback.nextSecret(), errors);
    }

    /** A secret that is given must be usable; a missing one is judged by the caller. */
    private static void checkSecret(String field, String secret, List<String> errors) {
        String why = secret == null ? null : WebhookSecret.problem(secret);
        if (why != null) {
            errors.add(field + ": " + why);
        }
    }

    private static void checkCallbackUrl(String url, List<String> errors) {
        try {
            URI uri = new URI(url == null ? "" : url);
            if (!HttpUrls.isAbsoluteHttp(uri)) {
                errors.add("callback.url: must be an absolute http or https URL");
            }
        } catch (URISyntaxException e) {
            errors.add("callback.url: not a valid URL");
        }
    }
}
