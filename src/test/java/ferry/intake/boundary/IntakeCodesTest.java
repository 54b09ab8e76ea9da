package ferry.intake.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ferry.platform.problems.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code Ferry-Proxy-Code} of each intake refusal (CONTRACT.md §3). */
class IntakeCodesTest {

    @ParameterizedTest
    @CsvSource({
            "proxy-not-found, 404, PROXY_NOT_FOUND",
            "not-found, 404, PROXY_NOT_FOUND",
            "mode-not-enabled, 404, MODE_NOT_ENABLED",
            "auth-missing, 401, AUTH_MISSING",
            "auth-invalid, 401, AUTH_INVALID",
            "payload-too-large, 413, PAYLOAD_TOO_LARGE",
            "uri-too-long, 414, URI_TOO_LONG",
            "headers-too-large, 431, HEADERS_TOO_LARGE",
            "idempotency-key-reused, 422, IDEMPOTENCY_KEY_REUSED",
            "idempotency-key-in-flight, 409, IDEMPOTENCY_KEY_IN_FLIGHT",
            "rate-limited, 429, RATE_LIMITED",
            "unavailable, 503, UNAVAILABLE",
            "bad-request, 400, BAD_REQUEST"})
    void eachProblemHasItsCode(String problem, int status, String code) {
        assertEquals(code, IntakeCodes.of(problem, status));
        assertEquals(code, IntakeCodes.of(new Problem(status, problem, "t", "d")));
    }

    @Test
    void aProblemNotInTheTableFallsBackByStatus() {
        assertEquals("BAD_REQUEST", IntakeCodes.of("method-not-allowed", 405));
        assertEquals("BAD_REQUEST", IntakeCodes.of(null, 405));
        assertEquals("BAD_REQUEST", IntakeCodes.of(null, 499));
        assertEquals("UNAVAILABLE", IntakeCodes.of(null, 500));
        assertEquals("UNAVAILABLE", IntakeCodes.of("internal-error", 502));
    }

    @Test
    void theTableWinsOverTheStatus() {
        // the code names what went wrong, whatever status a caller chose for it
        assertEquals("RATE_LIMITED", IntakeCodes.of("rate-limited", 503));
        assertEquals("UNAVAILABLE", IntakeCodes.of("unavailable", 400));
    }
}
