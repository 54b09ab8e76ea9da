package ferry.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.platform.control.HealthReport.Check;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthReportTest {

    @Test
    void upOnlyWhenEveryCheckIsUp() {
        HealthReport report = new HealthReport(List.of(new Check("a", true, null), new Check("b", false, "why")));
        assertFalse(report.up());
        assertEquals(503, report.httpStatus());
        assertTrue(new HealthReport(List.of(new Check("a", true, null))).up());
    }

    @Test
    void neverUpWithoutChecks() {
        HealthReport empty = new HealthReport(List.of());
        assertFalse(empty.up(), "an empty report is what Payara answered before the WAR was deployed");
        assertEquals(503, empty.httpStatus());
    }

    @Test
    void microProfileHealthShape() {
        JsonObject json = jakarta.json.Json.createReader(new StringReader(new HealthReport(List.of(
                new Check("ferry.database", true, null), new Check("ferry.broker", false, "no session"))).json()))
                .readObject();
        assertEquals("DOWN", json.getString("status"));
        assertEquals("ferry.database", json.getJsonArray("checks").getJsonObject(0).getString("name"));
        assertEquals("UP", json.getJsonArray("checks").getJsonObject(0).getString("status"));
        assertEquals("DOWN", json.getJsonArray("checks").getJsonObject(1).getString("status"));
        assertEquals("no session", json.getJsonArray("checks").getJsonObject(1).getJsonObject("data").getString("detail"));
    }
}
