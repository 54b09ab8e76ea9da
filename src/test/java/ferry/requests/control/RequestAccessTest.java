package ferry.requests.control;

import static ferry.proxies.auth.ClientAuthFixture.apiKey;
import static ferry.proxies.auth.ClientAuthFixture.bearer;
import static ferry.proxies.auth.ClientAuthFixture.none;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ferry.platform.control.PlatformFixtures;
import ferry.platform.problems.Problem;
import ferry.proxies.auth.ClientAuthFixture;
import ferry.proxies.entity.EntryPoint;
import ferry.proxies.entity.Proxy;
import ferry.requests.entity.ForwardRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Who may read a request (CONTRACT.md §5), with a real authenticator and admin token. */
class RequestAccessTest {

    static final String ADMIN = "admin-secret-token";
    static final String ORDERS_REQUEST = "6f1c1e0e-4a8e-4d2c-9a6e-0c0b8f1f2a3b";
    static final String BILLING_REQUEST = "0b5a4c1e-1111-4222-8333-444455556666";
    static final String OPEN_REQUEST = "1c2d3e4f-aaaa-4bbb-8ccc-dddddddddddd";
    static final String CUSTOM_REQUEST = "2d3e4f50-aaaa-4bbb-8ccc-eeeeeeeeeeee";
    static final String ORPHAN_REQUEST = "3e4f5061-aaaa-4bbb-8ccc-ffffffffffff";
    static final String UNKNOWN = "9a9a9a9a-0000-4000-8000-000000000000";

    @TempDir
    Path dataDir;

    RequestAccess access;
    final Map<String, ForwardRequest> requests = new HashMap<>();
    final Map<String, Proxy> proxies = new HashMap<>();
    int proxyLookups;

    @BeforeEach
    void setUp() {
        ClientAuthFixture fixture = new ClientAuthFixture(dataDir);
        access = new RequestAccess();
        access.adminToken = PlatformFixtures.adminToken(ADMIN);
        access.authenticator = fixture.authenticator;
        add(fixture.proxy("orders", bearer("orders-token")), ORDERS_REQUEST);
        add(fixture.proxy("billing", apiKey(null, "billing-key")), BILLING_REQUEST);
        add(fixture.proxy("open", none()), OPEN_REQUEST);
        add(fixture.proxy("custom", apiKey("X-Client-Key", "custom-key")), CUSTOM_REQUEST);
        requests.put(ORPHAN_REQUEST, request(ORPHAN_REQUEST, "deleted"));
    }

    void add(Proxy proxy, String requestId) {
        proxies.put(proxy.getId(), proxy);
        requests.put(requestId, request(requestId, proxy.getId()));
    }

    static ForwardRequest request(String id, String proxyId) {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        return new ForwardRequest(id, proxyId, EntryPoint.ASYNC, "POST", "v1/x", null, "{}", new byte[0], id, now, now);
    }

    static UnaryOperator<String> headers(String... nameValue) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < nameValue.length; i += 2) {
            map.put(nameValue[i], nameValue[i + 1]);
        }
        return map::get;
    }

    ForwardRequest visible(String id, String... nameValue) {
        return access.visible(id, headers(nameValue), requests::get, proxyId -> {
            proxyLookups++;
            return Optional.ofNullable(proxies.get(proxyId));
        });
    }

    static Problem problem(int status, String code, Executable call) {
        Problem p = assertThrows(Problem.class, call);
        assertEquals(status, p.status(), p.code());
        assertEquals(code, p.code());
        return p;
    }

    static void assertSameAnswer(Problem expected, Problem actual) {
        assertEquals(expected.status(), actual.status());
        assertEquals(expected.code(), actual.code());
        assertEquals(expected.detail().replace(UNKNOWN, "<id>"), actual.detail().replaceAll("[0-9a-f-]{36}", "<id>"));
        assertEquals(expected.headers(), actual.headers());
    }

    @Test
    void theAdminReadsEveryRequestWithoutAskingItsProxy() {
        for (String id : new String[] {ORDERS_REQUEST, BILLING_REQUEST, OPEN_REQUEST, ORPHAN_REQUEST}) {
            assertSame(requests.get(id), visible(id, "Authorization", "Bearer " + ADMIN));
        }
        assertEquals(0, proxyLookups);
        problem(404, "request-not-found", () -> visible(UNKNOWN, "Authorization", "Bearer " + ADMIN));
    }

    @Test
    void aMalformedIdIsABadRequestWhoeverAsks() {
        for (String id : new String[] {"abc", "", "6f1c1e0e4a8e4d2c9a6e0c0b8f1f2a3b", ORDERS_REQUEST + "0",
                "6f1c1e0e-4a8e-4d2c-9a6e-0c0b8f1f2a3g"}) {
            problem(400, "bad-request", () -> visible(id, "Authorization", "Bearer " + ADMIN));
            problem(400, "bad-request", () -> visible(id));
        }
    }

    @Test
    void idsAreReadInLowerCase() {
        assertSame(requests.get(ORDERS_REQUEST), visible(ORDERS_REQUEST.toUpperCase(), "Authorization", "Bearer orders-token"));
    }

    @Test
    void theProxysOwnCredentialsReadItsRequests() {
        assertSame(requests.get(ORDERS_REQUEST), visible(ORDERS_REQUEST, "Authorization", "Bearer orders-token"));
        assertSame(requests.get(BILLING_REQUEST), visible(BILLING_REQUEST, "X-Api-Key", "billing-key"));
        assertSame(requests.get(CUSTOM_REQUEST), visible(CUSTOM_REQUEST, "X-Client-Key", "custom-key"));
    }

    @Test
    void noCredentialIsUnauthorizedWithTheProxysChallenge() {
        Problem p = problem(401, "auth-missing", () -> visible(ORDERS_REQUEST));
        assertEquals("Bearer realm=\"ferry\"", p.headers().get("WWW-Authenticate"));
        p = problem(401, "auth-missing", () -> visible(BILLING_REQUEST));
        assertEquals("ApiKey header=\"X-Api-Key\"", p.headers().get("WWW-Authenticate"));
        p = problem(401, "auth-missing", () -> visible(CUSTOM_REQUEST));
        assertEquals("ApiKey header=\"X-Client-Key\"", p.headers().get("WWW-Authenticate"));
        p = problem(401, "auth-missing", () -> visible(UNKNOWN));
        assertEquals("Bearer realm=\"ferry\"", p.headers().get("WWW-Authenticate"));
    }

    @Test
    void aWrongOrForeignCredentialGetsTheSameAnswerAsAnUnknownId() {
        Problem unknown = problem(404, "request-not-found", () -> visible(UNKNOWN, "Authorization", "Bearer orders-token"));
        assertSameAnswer(unknown, problem(404, "request-not-found",
                () -> visible(ORDERS_REQUEST, "Authorization", "Bearer orders-tokem")));
        assertSameAnswer(unknown, problem(404, "request-not-found",
                () -> visible(BILLING_REQUEST, "Authorization", "Bearer orders-token")));
        assertSameAnswer(unknown, problem(404, "request-not-found",
                () -> visible(ORDERS_REQUEST, "X-Api-Key", "billing-key")));
        assertSameAnswer(unknown, problem(404, "request-not-found",
                () -> visible(ORDERS_REQUEST, "Authorization", "Bearer " + ADMIN + "x")));
        // a wrong key in the proxy's own custom header is no less wrong
        assertSameAnswer(unknown, problem(404, "request-not-found",
                () -> visible(CUSTOM_REQUEST, "X-Client-Key", "billing-key")));
    }

    @Test
    void aProxyWithoutClientAuthIsReadByTheAdminOnly() {
        Problem p = problem(401, "auth-missing", () -> visible(OPEN_REQUEST));
        assertEquals("Bearer realm=\"ferry\"", p.headers().get("WWW-Authenticate"));
        problem(404, "request-not-found", () -> visible(OPEN_REQUEST, "Authorization", "Bearer orders-token"));
        problem(404, "request-not-found", () -> visible(OPEN_REQUEST, "X-Api-Key", "anything"));
        assertSame(requests.get(OPEN_REQUEST), visible(OPEN_REQUEST, "Authorization", "Bearer " + ADMIN));
    }

    @Test
    void aRequestWhoseProxyIsGoneIsUnauthorizedOrNotFound() {
        Problem p = problem(401, "auth-missing", () -> visible(ORPHAN_REQUEST));
        assertEquals("Bearer realm=\"ferry\"", p.headers().get("WWW-Authenticate"));
        problem(404, "request-not-found", () -> visible(ORPHAN_REQUEST, "Authorization", "Bearer orders-token"));
        problem(404, "request-not-found", () -> visible(ORPHAN_REQUEST, "X-Api-Key", "billing-key"));
    }
}
