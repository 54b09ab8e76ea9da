package ferry.intake.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which answers get the intake headers: those below {@code /async/} and {@code /proxy/} only. */
class IntakeProxyCodesTest {

    @ParameterizedTest
    @ValueSource(strings = {"async", "/async", "async/", "async/orders", "/async/orders/v1/x",
            "proxy", "/proxy/orders", "proxy/orders/v1/x"})
    void belowAnEntryPoint(String path) {
        assertTrue(IntakeProxyCodes.isIntake(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "requests/6f1c1e0e-4a8e-4d2c-9a6e-0c0b8f1f2a3b", "admin/proxies", "/admin/proxies/async",
            "asynchronous/orders", "proxyx", "proxies/orders", "sync/orders", "ASYNC/orders"})
    void notBelowAnEntryPoint(String path) {
        assertFalse(IntakeProxyCodes.isIntake(path), path);
    }
}
