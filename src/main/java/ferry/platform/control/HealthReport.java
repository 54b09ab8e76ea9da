package ferry.platform.control;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * A health answer in the MicroProfile Health JSON shape ({@code {"status":"UP","checks":[{"name",
 * "status"}]}}): UP only if every check is, and never UP without checks. Served by Ferry itself,
 * so that every server answers the same (WildFly's own health sits on its management port).
 */
public record HealthReport(List<Check> checks) {

    /** One named check; {@code detail} says why it is down, or null. */
    public record Check(String name, boolean up, String detail) {
    }

    public boolean up() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::up);
    }

    /** 200 when up, 503 when down (MicroProfile Health). */
    public int httpStatus() {
        return up() ? 200 : 503;
    }

    public String json() {
        JsonArrayBuilder list = Json.array();
        for (Check check : checks) {
            JsonObjectBuilder item = Json.object().add("name", check.name()).add("status", check.up() ? "UP" : "DOWN");
            if (check.detail() != null) {
                item.add("data", Json.object().add("detail", check.detail()));
            }
            list.add(item);
        }
        return Json.object().add("status", up() ? "UP" : "DOWN").add("checks", list).build().toString();
    }
}
