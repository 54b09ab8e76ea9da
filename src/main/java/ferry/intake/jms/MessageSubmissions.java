package ferry.intake.jms;

import ferry.intake.control.Submission;
import ferry.proxies.entity.EntryPoint;
import ferry.platform.control.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a message's string properties as an HTTP request to the async entry point (CONTRACT.md
 * §9): {@code ferryProxyId} and {@code ferryPath} (required; the path may carry a {@code ?query}),
 * {@code ferryMethod} (default {@code POST}), {@code ferryHeaders} (a JSON object whose values
 * are strings or arrays of strings) and {@code ferryIdempotencyKey}. What it yields then passes
 * every rule an HTTP request passes; what cannot even be read is a {@link BadMessage}.
 */
public final class MessageSubmissions {

    /** The methods HTTP intake accepts; HEAD and OPTIONS are answered there as 405 too. */
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private MessageSubmissions() {
    }

    /**
     * @param property a string property of the message, or null if it has none
     * @param body     the message's body (text as UTF-8, or bytes), or null
     */
    public static Submission of(Function<String, String> property, byte[] body) {
        String proxyId = required(property, "ferryProxyId");
        String path = required(property, "ferryPath");
        String givenMethod = property.apply("ferryMethod");
        String method = givenMethod == null ? "POST" : givenMethod.trim();
        if (!METHODS.contains(method)) {
            throw new BadMessage("method-not-allowed", "ferryMethod must be one of " + String.join(", ",
                    METHODS.stream().sorted().toList()) + " (" + shortened(method) + " given)");
        }
        int question = path.indexOf('?');
        String rawPath = question < 0 ? path : path.substring(0, question);
        String rawQuery = question < 0 ? null : path.substring(question + 1);
        if (rawPath.startsWith("/")) {
            rawPath = rawPath.substring(1); // as below /async/{proxyId}/
        }
        Map<String, List<String>> headers = headers(property.apply("ferryHeaders"));
        String key = property.apply("ferryIdempotencyKey");
        if (key != null) {
            headers.keySet().removeIf(name -> name.equalsIgnoreCase("Idempotency-Key"));
            headers.put("Idempotency-Key", List.of(key));
        }
        byte[] bytes = body == null ? new byte[0] : body;
        return new Submission(EntryPoint.ASYNC, proxyId, method, rawPath, rawQuery, headers,
                new ByteArrayInputStream(bytes), bytes.length);
    }

    private static String required(Function<String, String> property, String name) {
        String value = property.apply(name);
        if (value == null || value.isBlank()) {
            throw new BadMessage("bad-request", name + " is required");
        }
        return value.trim();
    }

    private static Map<String, List<String>> headers(String json) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return headers;
        }
        JsonObject object;
        try {
            object = Json.reader(json).readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new BadMessage("bad-request", "ferryHeaders must be a JSON object");
        }
        for (Map.Entry<String, JsonValue> header : object.entrySet()) {
            headers.put(header.getKey(), values(header.getKey(), header.getValue()));
        }
        return headers;
    }

    private static List<String> values(String name, JsonValue value) {
        if (value instanceof JsonString text) {
            return List.of(text.getString());
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            List<String> values = new ArrayList<>();
            for (JsonValue element : value.asJsonArray()) {
                if (!(element instanceof JsonString text)) {
                    throw new BadMessage("bad-request", "ferryHeaders." + shortened(name) + ": values must be strings");
                }
                values.add(text.getString());
            }
            return values;
        }
        throw new BadMessage("bad-request", "ferryHeaders." + shortened(name) + ": a string or an array of strings");
    }

    private static String shortened(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
