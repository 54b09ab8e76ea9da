package ferry.callbacks.payload;

import ferry.platform.control.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The body of a completion webhook (CONTRACT.md §8):
 * {@code {"type":"request.completed"|"request.failed","timestamp",
 * "data":{"requestId","proxyId","status","attempts","response":{"status","headers","bodyBase64"},"error"}}}.
 * The target's body goes inline up to {@link #INLINE_BODY_BYTES}; beyond it the payload says
 * {@code "bodyTruncated": true} and the receiver fetches the result by id. A request that failed
 * without an answer has no {@code response}; one that failed carries its {@code error}.
 */
public final class WebhookPayload {

    /** 256 KiB: a webhook stays small enough for any receiver; the rest is one fetch away. */
    public static final int INLINE_BODY_BYTES = 256 * 1024;

    /**
     * What a request ended with.
     *
     * @param responseStatus  null if the target never answered
     * @param body            the target's body, or at least its first {@link #INLINE_BODY_BYTES} + 1
     *                        bytes (more is not needed); null if none
     * @param errorType       the problem type of a failure, else null
     */
    public record Outcome(String requestId, String proxyId, boolean completed, int attempts, Instant endedAt,
                          Integer responseStatus, Map<String, List<String>> responseHeaders, byte[] body,
                          String errorType, String errorMessage) {
    }

    private WebhookPayload() {
    }

    /** @return the exact bytes to send and sign */
    public static byte[] json(Outcome o) {
        JsonObjectBuilder data = Json.object()
                .add("requestId", o.requestId())
                .add("proxyId", o.proxyId())
                .add("status", o.completed() ? "completed" : "failed")
                .add("attempts", o.attempts());
        if (o.responseStatus() != null) {
            data.add("response", response(o));
        }
        if (o.errorType() != null) {
            JsonObjectBuilder error = Json.object().add("type", o.errorType());
            if (o.errorMessage() != null) {
                error.add("message", o.errorMessage());
            }
            data.add("error", error);
        }
        return Json.object()
                .add("type", o.completed() ? "request.completed" : "request.failed")
                .add("timestamp", o.endedAt().toString())
                .add("data", data)
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObjectBuilder response(Outcome o) {
        JsonObjectBuilder headers = Json.object();
        if (o.responseHeaders() != null) {
            o.responseHeaders().forEach((name, values) -> {
                JsonArrayBuilder list = Json.array();
                values.forEach(list::add);
                headers.add(name, list);
            });
        }
        JsonObjectBuilder response = Json.object().add("status", o.responseStatus()).add("headers", headers);
        byte[] body = o.body() == null ? new byte[0] : o.body();
        boolean truncated = body.length > INLINE_BODY_BYTES;
        byte[] inline = truncated ? Arrays.copyOf(body, INLINE_BODY_BYTES) : body;
        response.add("bodyBase64", Base64.getEncoder().encodeToString(inline));
        if (truncated) {
            response.add("bodyTruncated", true);
        }
        return response;
    }
}
