package ferry.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ForwardedOriginTest {

    private static final URI BASE = URI.create("http://127.0.0.1:8080/");

    @Test
    void rfc7239ForwardedGivesSchemeAndHostOfTheNearestProxy() {
        assertEquals(URI.create("https://api.example.com/"), ForwardedOrigin.apply(BASE,
                "for=1.2.3.4;proto=https;host=api.example.com, for=10.0.0.1;proto=http;host=inner", null, null, null)
                .orElseThrow());
        assertEquals(URI.create("https://api.example.com:8443/"), ForwardedOrigin.apply(BASE,
                "proto=https;host=\"api.example.com:8443\"", null, null, null).orElseThrow());
    }

    @Test
    void xForwardedHeadersAreUsedWithoutForwarded() {
        assertEquals(URI.create("https://gw.example.com:9443/requests/x?wait=25"), ForwardedOrigin.apply(
                URI.create("http://127.0.0.1:8080/requests/x?wait=25"), null, "https", "gw.example.com", "9443")
                .orElseThrow());
    }

    @Test
    void nothingUsableChangesNothing() {
        assertTrue(ForwardedOrigin.apply(BASE, null, null, null, null).isEmpty());
        assertTrue(ForwardedOrigin.apply(BASE, null, "javascript", null, null).isEmpty(), "only http and https");
        assertTrue(ForwardedOrigin.apply(BASE, null, null, "evil.com/path", null).isEmpty(), "a host, nothing more");
        assertTrue(ForwardedOrigin.apply(BASE, null, null, "a@evil.com", null).isEmpty());
    }
}
