package ferry.requests.control;

import ferry.platform.control.Json;
import ferry.requests.entity.ForwardRequest;
import ferry.proxies.control.ProxyDirectory;
import ferry.proxies.entity.Proxy;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import java.util.Map;

/** The status document of {@code GET /requests/{id}} (CONTRACT.md §5); absent fields are left out. */
public class RequestStatus {


    public String requestId;
    public String proxyId;
    public String status;
    public String method;
    public String path;
    public String createdAt;
    public String updatedAt;
    public int attempts;
    public String nextAttemptAt;
    public String heldBy;
    public String completedAt;
    public String expiresAt;
    public LastError lastError;
    public Response response;

    public static class LastError {
        public String type;
        public String message;
    }

    public static class Response {
        public int status;
        public Map<String, List<String>> headers;
    }

    /** The status as its proxy's settings and state (paused or not) give it, now. */
    public static RequestStatus of(ForwardRequest r, ProxyDirectory proxies) {
        Optional<Proxy> proxy = proxies.find(r.getProxyId());
        RequestStatus s = of(r, proxies.retentionSeconds(r.getProxyId()));
        s.heldBy = heldBy(r, proxy.map(Proxy::isPaused).orElse(false), Instant.now());
        return s;
    }

    /**
     * Why a waiting request is not being attempted now (CONTRACT.md §5), or null: a limit of its
     * proxy if one holds it (stored when it was held), else {@code paused}, else {@code backoff}
     * (waiting to retry) or {@code delay} (waiting for its first attempt) while its next attempt
     * lies ahead.
     */
    static String heldBy(ForwardRequest r, boolean proxyPaused, Instant now) {
        if (!r.getState().isWaiting()) {
            return null;
        }
        if (proxyPaused) {
            return "paused";
        }
        boolean ahead = r.getNextAttemptAt() != null && r.getNextAttemptAt().isAfter(now);
        if (r.getHeldBy() != null && ahead) {
            return r.getHeldBy();
        }
        if (!ahead) {
            return null;
        }
        return r.attemptInSeries(r.getAttempts()) > 0 ? "backoff" : "delay";
    }

    public static RequestStatus of(ForwardRequest r, long retentionSeconds) {
        RequestStatus s = new RequestStatus();
        s.requestId = r.getId();
        s.proxyId = r.getProxyId();
        s.status = r.getState().label();
        s.method = r.getMethod();
        s.path = "/" + r.getPath() + (r.getQuery() == null || r.getQuery().isEmpty() ? "" : "?" + r.getQuery());
        s.createdAt = text(r.getCreatedAt());
        s.updatedAt = text(r.getUpdatedAt());
        s.attempts = r.getAttempts();
        s.nextAttemptAt = text(r.getNextAttemptAt());
        s.completedAt = text(r.getCompletedAt());
        s.expiresAt = r.getExpiresAt() != null ? text(r.getExpiresAt())
                : r.getCompletedAt() == null ? null : text(r.getCompletedAt().plusSeconds(retentionSeconds));
        if (r.getLastErrorType() != null) {
            s.lastError = new LastError();
            s.lastError.type = r.getLastErrorType();
            s.lastError.message = r.getLastErrorMessage();
        }
        if (r.getResponseStatus() != null) {
            s.response = new Response();
            s.response.status = r.getResponseStatus();
            s.response.headers = Json.readHeaders(r.getResponseHeaders());
        }
        return s;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
