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
 */
public final class TracingSwitch implements ConfigSource {

    static final int ORDINAL = 50;

    private final Map<String, String> properties;

    public TracingSwitch() {
        this(name -> {
            String property = System.getProperty(name.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
            return property != null ? property : System.getenv(name);
        });
    }

    /** @param lookup an {@code OTEL_*} name to its value (environment or system property), or null */
    TracingSwitch(Function<String, String> lookup) {
        this.properties = endpointSet(lookup) ? Map.of(
                "otel.sdk.disabled", "false",
                "otel.traces.exporter", "otlp",
                "otel.exporter.otlp.protocol", "http/protobuf",
                "otel.metrics.exporter", "none",
                "otel.logs.exporter", "none") : Map.of();
    }

    private static boolean endpointSet(Function<String, String> lookup) {
        for (String name : new String[] {"OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"}) {
            String value = lookup.apply(name);
            if (value != null && !value.isBlank()) {
                return true;
            }
        }
        return false;
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
