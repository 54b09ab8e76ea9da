package ferry.platform.tracing;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns the server's MicroProfile Telemetry on for Ferry when, and only when, an OTLP endpoint is
 * configured ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT},
 * or their system-property twins): then traces go over OTLP/HTTP (protobuf), and neither metrics
 * nor logs do (Ferry serves its metrics at {@code /metrics}). Off, the server's tracer is a
 * no-op and tracing costs nothing.
 *
 * <p>A configuration source of low ordinal ({@value #ORDINAL}), so that any {@code otel.*}
 * setting an operator gives as a system property or an {@code OTEL_*} variable wins over these
 * defaults. Application-level on purpose: Payara also reads {@code OTEL_SDK_DISABLED} from the
 * environment for a server-wide SDK, which would then ignore the application's configuration;
 * Ferry never sets it.
 *
 * <p>On, it also names the dotted twin ({@code otel.exporter.otlp.endpoint}) of every
 * {@code OTEL_*} variable set, with that variable's value. WildFly hands the application only the
 * {@code otel.*} names its configuration lists, on top of its own server-wide defaults (an
 * endpoint on {@code localhost:4317} among them): without the twins, an operator's
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} could lose to that default.
 */
public final class TracingSwitch implements ConfigSource {

    static final int ORDINAL = 50;

    private final Map<String, String> properties;

    public TracingSwitch() {
        this(name -> {
            String property = System.getProperty(dotted(name));
            return property != null ? property : System.getenv(name);
        }, System.getenv().keySet());
    }

    /** @param lookup an {@code OTEL_*} name to its value (environment or system property), or null */
    TracingSwitch(Function<String, String> lookup) {
        this(lookup, Set.of());
    }

    /** @param variables the names of the environment's variables, whose {@code OTEL_*} ones get a dotted twin */
    TracingSwitch(Function<String, String> lookup, Set<String> variables) {
        Map<String, String> endpoints = new java.util.HashMap<>();
        for (String name : ENDPOINTS) {
            String value = lookup.apply(name);
            if (value != null && !value.isBlank()) {
                endpoints.put(dotted(name), value);
            }
        }
        if (endpoints.isEmpty()) {
            this.properties = Map.of();
            return;
        }
        Map<String, String> on = new java.util.HashMap<>();
        for (String name : variables) {
            String value = name.startsWith("OTEL_") ? lookup.apply(name) : null;
            if (value != null) {
                on.put(dotted(name), value);
            }
        }
        on.putAll(endpoints);
        on.put("otel.sdk.disabled", "false");
        on.put("otel.traces.exporter", "otlp");
        on.put("otel.exporter.otlp.protocol", "http/protobuf");
        on.put("otel.metrics.exporter", "none");
        on.put("otel.logs.exporter", "none");
        this.properties = Map.copyOf(on);
    }

    private static final String[] ENDPOINTS = {"OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"};

    private static String dotted(String variable) {
        return variable.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "ferry-tracing-switch";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
