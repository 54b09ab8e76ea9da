package ferry.platform.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TracingSwitchTest {

    @Test
    void offWithoutAnEndpoint() {
        TracingSwitch off = new TracingSwitch(name -> null);
        assertTrue(off.getPropertyNames().isEmpty());
        assertNull(off.getValue("otel.sdk.disabled"), "the server's default (disabled) stands");
    }

    @Test
    void anEndpointTurnsTracesOnOverOtlpHttpAndNothingElse() {
        TracingSwitch on = new TracingSwitch(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")::get);
        assertEquals("false", on.getValue("otel.sdk.disabled"));
        assertEquals("otlp", on.getValue("otel.traces.exporter"));
        assertEquals("http/protobuf", on.getValue("otel.exporter.otlp.protocol"));
        assertEquals("none", on.getValue("otel.metrics.exporter"));
        assertEquals("none", on.getValue("otel.logs.exporter"));
        assertTrue(on.getOrdinal() < 300, "below environment variables and system properties");
    }

    @Test
    void aTracesEndpointAloneIsEnoughButABlankOneIsNot() {
        assertEquals("false", new TracingSwitch(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://c:4318/v1/traces")::get)
                .getValue("otel.sdk.disabled"));
        assertTrue(new TracingSwitch(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " ")::get).getPropertyNames().isEmpty());
    }

    @Test
    void namesTheDottedTwinOfEveryOtelVariableSoThatAServersDefaultsCannotWin() {
        Map<String, String> env = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "OTEL_BSP_SCHEDULE_DELAY", "100", "PATH", "/bin");
        TracingSwitch on = new TracingSwitch(env::get, env.keySet());
        assertEquals("http://collector:4318", on.getValue("otel.exporter.otlp.endpoint"));
        assertEquals("100", on.getValue("otel.bsp.schedule.delay"));
        assertNull(on.getValue("path"));
        assertTrue(new TracingSwitch(Map.of("OTEL_BSP_SCHEDULE_DELAY", "100")::get, Set.of("OTEL_BSP_SCHEDULE_DELAY"))
                .getPropertyNames().isEmpty(), "no endpoint: nothing at all");
    }
}
