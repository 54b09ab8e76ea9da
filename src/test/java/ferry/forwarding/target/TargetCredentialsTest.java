package ferry.forwarding.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ferry.proxies.control.ProxySpec;
import ferry.proxies.control.TargetAuth;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TargetCredentialsTest {

    private Map<String, List<String>> headers;

    @BeforeEach
    void clientHeaders() {
        headers = new TreeMap<>();
        headers.put("accept", List.of("application/json"));
        headers.put("authorization", List.of("Bearer from-the-client"));
        headers.put("x-key", List.of("from-the-client"));
    }

    @Test
    void bearerReplacesAuthorization() {
        ProxySpec.TargetAuth auth = auth("bearer");
        auth.token = "target-token";
        assertEquals("a=1", TargetCredentials.apply(TargetAuth.of(auth), headers, "a=1"));
        assertEquals(List.of("Bearer target-token"), headers.get("authorization"));
        assertUntouchedExcept("authorization");
    }

    @Test
    void basicReplacesAuthorizationWithBase64OfUserAndPassword() {
        ProxySpec.TargetAuth auth = auth("basic");
        auth.username = "Aladdin";
        auth.password = "open sesame";
        assertNull(TargetCredentials.apply(TargetAuth.of(auth), headers, null));
        assertEquals(List.of("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="), headers.get("authorization"));
        assertUntouchedExcept("authorization");
    }

    @Test
    void basicEncodesNonAsciiAsUtf8() {
        ProxySpec.TargetAuth auth = auth("basic");
        auth.username = "j\u00fcrgen";
        auth.password = "p\u00e4ss";
        TargetCredentials.apply(TargetAuth.of(auth), headers, null);
        String encoded = headers.get("authorization").get(0).substring("Basic ".length());
        assertEquals("j\u00fcrgen:p\u00e4ss", new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
    }

    @Test
    void headerReplacesTheSameNamedHeaderUnderItsLowerCaseName() {
        ProxySpec.TargetAuth auth = auth("header");
        auth.name = "X-Key";
        auth.value = "target-key";
        assertEquals("a=1", TargetCredentials.apply(TargetAuth.of(auth), headers, "a=1"));
        assertEquals(List.of("target-key"), headers.get("x-key"));
        assertUntouchedExcept("x-key");
    }

    @Test
    void headerAddsANewHeader() {
        ProxySpec.TargetAuth auth = auth("header");
        auth.name = "X-Api-Token";
        auth.value = "t";
        TargetCredentials.apply(TargetAuth.of(auth), headers, null);
        assertEquals(List.of("t"), headers.get("x-api-token"));
        assertEquals(4, headers.size());
    }

    @Test
    void queryIsTheOnlyPairWhenThereIsNoQuery() {
        ProxySpec.TargetAuth auth = query("api_key", "k1");
        assertEquals("api_key=k1", TargetCredentials.apply(TargetAuth.of(auth), headers, null));
        assertEquals("api_key=k1", TargetCredentials.apply(TargetAuth.of(auth), headers, ""));
        assertUntouchedExcept();
    }

    @Test
    void queryIsAppendedToTheClientsQuery() {
        assertEquals("a=1&b=2&api_key=k1", TargetCredentials.apply(TargetAuth.of(query("api_key", "k1")), headers, "a=1&b=2"));
    }

    @Test
    void queryNameAndValueAreUrlEncoded() {
        assertEquals("x=1&my+key=a%26b%3Dc+d%2B%C3%A9",
                TargetCredentials.apply(TargetAuth.of(query("my key", "a&b=c d+\u00e9")), headers, "x=1"));
    }

    @Test
    void noneLeavesHeadersAndQueryAlone() {
        assertEquals("a=1", TargetCredentials.apply(TargetAuth.of(auth("none")), headers, "a=1"));
        assertUntouchedExcept();
    }

    @Test
    void missingAuthOrTypeLeavesHeadersAndQueryAlone() {
        assertEquals("a=1", TargetCredentials.apply(null, headers, "a=1"));
        assertNull(TargetCredentials.apply(TargetAuth.of(new ProxySpec.TargetAuth()), headers, null));
        assertUntouchedExcept();
    }

    private static ProxySpec.TargetAuth auth(String type) {
        ProxySpec.TargetAuth auth = new ProxySpec.TargetAuth();
        auth.type = type;
        return auth;
    }

    private static ProxySpec.TargetAuth query(String name, String value) {
        ProxySpec.TargetAuth auth = auth("query");
        auth.name = name;
        auth.value = value;
        return auth;
    }

    /** Every client header but the named ones is as it was, and nothing else was added. */
    private void assertUntouchedExcept(String... changed) {
        Map<String, List<String>> original = Map.of(
                "accept", List.of("application/json"),
                "authorization", List.of("Bearer from-the-client"),
                "x-key", List.of("from-the-client"));
        assertEquals(original.keySet(), headers.keySet());
        List<String> changedNames = List.of(changed);
        original.forEach((name, values) -> {
            if (!changedNames.contains(name)) {
                assertEquals(values, headers.get(name), name);
            }
        });
    }
}
