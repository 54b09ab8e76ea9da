package ferry.intake.jms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.intake.control.Submission;
import ferry.proxies.entity.EntryPoint;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageSubmissionsTest {

    @Test
    void aMinimalMessageIsAnAsyncPostWithItsBody() throws Exception {
        byte[] body = "{\"order\":42}".getBytes(StandardCharsets.UTF_8);
        Submission s = MessageSubmissions.of(props("ferryProxyId", "orders", "ferryPath", "/v1/orders"), body);
        assertEquals(EntryPoint.ASYNC, s.entry());
        assertEquals("orders", s.proxyId());
        assertEquals("POST", s.method());
        assertEquals("v1/orders", s.rawPath(), "as below /async/{proxyId}/");
        assertNull(s.rawQuery());
        assertEquals(body.length, s.contentLength());
        assertArrayEquals(body, s.body().readAllBytes());
    }

    @Test
    void methodQueryHeadersAndKeyAreRead() {
        Submission s = MessageSubmissions.of(props("ferryProxyId", "orders", "ferryPath", "v1/orders?expand=items&x=%20",
                "ferryMethod", "PUT", "ferryHeaders", "{\"Content-Type\":\"application/json\",\"X-Tag\":[\"a\",\"b\"],"
                        + "\"idempotency-key\":\"from-headers\"}", "ferryIdempotencyKey", "k-1"), null);
        assertEquals("PUT", s.method());
        assertEquals("v1/orders", s.rawPath());
        assertEquals("expand=items&x=%20", s.rawQuery());
        assertEquals("application/json", s.header("content-type"));
        assertEquals(List.of("a", "b"), s.headers().get("X-Tag"));
        assertEquals("k-1", s.header("Idempotency-Key"), "the property wins over a header of the same name");
        assertEquals(0, s.contentLength());
    }

    @Test
    void whatCannotBeReadIsABadMessageNamingWhy() {
        assertBad("ferryProxyId", props("ferryPath", "x"));
        assertBad("ferryPath", props("ferryProxyId", "orders", "ferryPath", " "));
        assertBad("ferryMethod", props("ferryProxyId", "orders", "ferryPath", "x", "ferryMethod", "HEAD"));
        assertBad("ferryMethod", props("ferryProxyId", "orders", "ferryPath", "x", "ferryMethod", "post"));
        assertBad("JSON object", props("ferryProxyId", "orders", "ferryPath", "x", "ferryHeaders", "[1]"));
        assertBad("JSON object", props("ferryProxyId", "orders", "ferryPath", "x", "ferryHeaders", "{not json"));
        assertBad("ferryHeaders.X-N", props("ferryProxyId", "orders", "ferryPath", "x", "ferryHeaders", "{\"X-N\":1}"));
        assertBad("ferryHeaders.X-A", props("ferryProxyId", "orders", "ferryPath", "x", "ferryHeaders", "{\"X-A\":[\"a\",2]}"));
    }

    @Test
    void theErrorPropertyCarriesTheCodeAndTheMessage() {
        BadMessage bad = assertThrows(BadMessage.class, () -> MessageSubmissions.of(props("ferryPath", "x"), null));
        assertEquals("bad-request", bad.code());
        assertEquals("bad-request: ferryProxyId is required", bad.ferryError());
    }

    private static void assertBad(String named, java.util.function.Function<String, String> properties) {
        BadMessage bad = assertThrows(BadMessage.class, () -> MessageSubmissions.of(properties, null));
        assertTrue(bad.getMessage().contains(named), bad.getMessage());
    }

    private static java.util.function.Function<String, String> props(String... pairs) {
        Map<String, String> map = map(pairs);
        return map::get;
    }

    private static Map<String, String> map(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
