package ferry.platform.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void keepsFerrysOwnCodes() {
        assertEquals("retries-exhausted", Labels.code("retries-exhausted"));
        assertEquals("auth-missing", Labels.code("auth-missing"));
        assertEquals("status-405", Labels.code("status-405"));
    }

    @Test
    void anythingElseIsOtherAndNothingIsNone() {
        assertEquals("other", Labels.code("/v1/orders?id=7"));
        assertEquals("other", Labels.code("Bearer abc"));
        assertEquals("other", Labels.code("x".repeat(49)));
        assertEquals("none", Labels.code(null));
        assertEquals("none", Labels.code(""));
    }
}
