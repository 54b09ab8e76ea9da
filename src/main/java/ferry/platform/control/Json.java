package ferry.platform.control;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/**
 * One shared JSON-B instance (thread-safe, costly to create; nulls are left out) and one JSON-P
 * provider. {@code jakarta.json.Json.createObjectBuilder()} looks its provider up through the
 * service loader on every call, which on Payara scans the API class loader's jars: it was the
 * top hot spot of intake (issue 6 profile), so builders come from the provider cached here.
 */
public final class Json {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(false));
    private static final jakarta.json.spi.JsonProvider PROVIDER = jakarta.json.spi.JsonProvider.provider();

    public static jakarta.json.JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    public static jakarta.json.JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    public static jakarta.json.JsonReader reader(String json) {
        return PROVIDER.createReader(new java.io.StringReader(json));
    }

    private Json() {
    }

    public static String write(Object value) {
        return JSONB.toJson(value);
    }

    public static <T> T read(String json, Class<T> type) {
        return JSONB.fromJson(json, type);
    }

    public static <T> T read(String json, java.lang.reflect.Type type) {
        return JSONB.fromJson(json, type);
    }

    private static final java.lang.reflect.Type HEADERS =
            new java.util.TreeMap<String, java.util.List<String>>() { }.getClass().getGenericSuperclass();

    /** Stored headers (lower-case name to values), as written by {@link #write}. */
    public static java.util.Map<String, java.util.List<String>> readHeaders(String json) {
        return JSONB.fromJson(json, HEADERS);
    }
}
