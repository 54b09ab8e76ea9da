package ferry.proxies.auth;

import static ferry.proxies.auth.ClientAuthFixture.apiKey;
import static ferry.proxies.auth.ClientAuthFixture.basic;
import static ferry.proxies.auth.ClientAuthFixture.bearer;
import static ferry.proxies.auth.ClientAuthFixture.jwtHs256;
import static ferry.proxies.auth.ClientAuthFixture.none;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import ferry.platform.problems.Problem;
import ferry.proxies.entity.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client authentication of CONTRACT.md §2/§3, checked against proxies stored as the admin API stores them. */
class ClientAuthenticatorTest {

    @TempDir
    static Path dataDir;

    static ClientAuthFixture fixture;
    /** Basic proxies cost a PBKDF2 hash per user to define: made once. */
    static Proxy basicProxy;

    @BeforeAll
    static void setUp() {
        fixture = new ClientAuthFixture(dataDir);
        basicProxy = fixture.proxy("basic", basic(Map.of("alice", "wonder:land", "bob", "builder")));
    }

    /** Case-insensitive header lookup, as the boundaries hand it over. */
    static UnaryOperator<String> headers(String... nameValue) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < nameValue.length; i += 2) {
            map.put(nameValue[i], nameValue[i + 1]);
        }
        return map::get;
    }

    static String basicHeader(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    Optional<ClientCredential> authenticate(Proxy proxy, String... nameValue) {
        return fixture.authenticator.authenticate(proxy, headers(nameValue));
    }

    static void assertMissing(String challenge, Runnable call) {
        Problem p = assertThrows(Problem.class, call::run);
        assertEquals(401, p.status());
        assertEquals("auth-missing", p.code());
        assertEquals(challenge, p.headers().get("WWW-Authenticate"));
    }

    static void assertInvalid(Runnable call) {
        Problem p = assertThrows(Problem.class, call::run);
        assertEquals(401, p.status());
        assertEquals("auth-invalid", p.code());
        assertNull(p.headers().get("WWW-Authenticate"));
    }

    @Test
    void noneAsksForNothingAndNamesNoCredential() {
        Proxy open = fixture.proxy("open", none());
        assertEquals(Optional.empty(), authenticate(open));
        assertEquals(Optional.empty(), authenticate(open, "Authorization", "Bearer whatever"));
    }

    @Test
    void bearerAcceptsAnyOfItsTokensAndNamesTheToken() {
        Proxy proxy = fixture.proxy("bearer", bearer("token-one", "token-two"));
        assertFalse(proxy.getClientAuth().contains("token-one"), "stored as keyed hashes only");

        assertEquals(new ClientCredential("Authorization", "Bearer token-one", "token:token-one"),
                authenticate(proxy, "Authorization", "Bearer token-one").orElseThrow());
        assertEquals(new ClientCredential("Authorization", "bearer token-two", "token:token-two"),
                authenticate(proxy, "authorization", "bearer token-two").orElseThrow());
    }

    @Test
    void bearerWithoutATokenIsMissingAndAWrongOneInvalid() {
        Proxy proxy = fixture.proxy("bearer", bearer("token-one"));
        assertMissing("Bearer realm=\"ferry\"", () -> authenticate(proxy));
        assertMissing("Bearer realm=\"ferry\"", () -> authenticate(proxy, "Authorization", "Bearer "));
        assertMissing("Bearer realm=\"ferry\"", () -> authenticate(proxy, "Authorization", basicHeader("a:b")));
        assertInvalid(() -> authenticate(proxy, "Authorization", "Bearer token-onE"));
        assertInvalid(() -> authenticate(proxy, "Authorization", "Bearer token-one2"));
    }

    @Test
    void apiKeyOnTheDefaultHeader() {
        Proxy proxy = fixture.proxy("keys", apiKey(null, "key-1"));
        assertEquals(new ClientCredential("X-Api-Key", "key-1", "key:key-1"),
                authenticate(proxy, "x-api-key", "key-1").orElseThrow());
        assertMissing("ApiKey header=\"X-Api-Key\"", () -> authenticate(proxy));
        assertMissing("ApiKey header=\"X-Api-Key\"", () -> authenticate(proxy, "X-Api-Key", ""));
        assertInvalid(() -> authenticate(proxy, "X-Api-Key", "key-2"));
    }

    @Test
    void apiKeyOnACustomHeaderIgnoresTheDefaultOne() {
        Proxy proxy = fixture.proxy("custom", apiKey("X-Client-Key", "key-1"));
        assertEquals(new ClientCredential("X-Client-Key", "key-1", "key:key-1"),
                authenticate(proxy, "X-Client-Key", "key-1").orElseThrow());
        assertMissing("ApiKey header=\"X-Client-Key\"", () -> authenticate(proxy, "X-Api-Key", "key-1"));
        assertInvalid(() -> authenticate(proxy, "X-Client-Key", "key-2"));
    }

    @Test
    void aStoredApiKeyWithoutAHeaderReadsTheDefaultOne() {
        StoredClientAuth stored = new StoredClientAuth();
        stored.type = "api-key";
        stored.hashes = java.util.List.of(fixture.hasher.hash("key-1"));
        assertEquals("X-Api-Key", fixture.authenticator.authenticate(stored, headers("X-Api-Key", "key-1"))
                .orElseThrow().header());
    }

    @Test
    void basicChecksThePasswordAndNamesTheUser() {
        assertFalse(basicProxy.getClientAuth().contains("wonder:land"), "stored as slow hashes only");
        String alice = basicHeader("alice:wonder:land"); // the password may contain a colon
        assertEquals(new ClientCredential("Authorization", alice, "user:alice"),
                authenticate(basicProxy, "Authorization", alice).orElseThrow());
        assertEquals("user:bob", authenticate(basicProxy, "Authorization", basicHeader("bob:builder"))
                .orElseThrow().identity());
    }

    @Test
    void basicWithoutCredentialsIsMissingAndBadOnesInvalid() {
        assertMissing("Basic realm=\"ferry\"", () -> authenticate(basicProxy));
        assertMissing("Basic realm=\"ferry\"", () -> authenticate(basicProxy, "Authorization", "Bearer alice"));
        assertInvalid(() -> authenticate(basicProxy, "Authorization", basicHeader("alice:wonder")));
        assertInvalid(() -> authenticate(basicProxy, "Authorization", basicHeader("bob:wonder:land")));
        assertInvalid(() -> authenticate(basicProxy, "Authorization", basicHeader("carol:builder")));
        assertInvalid(() -> authenticate(basicProxy, "Authorization", basicHeader("alice")));
        assertInvalid(() -> authenticate(basicProxy, "Authorization", basicHeader(":builder")));
        assertInvalid(() -> authenticate(basicProxy, "Authorization", "Basic not*base64"));
    }

    @Test
    void aRememberedBasicCheckNeverLetsAnotherPasswordIn() {
        String right = basicHeader("bob:builder");
        authenticate(basicProxy, "Authorization", right);
        int remembered = fixture.authenticator.verifiedBasic.size();
        assertTrue(remembered >= 1);

        assertEquals("user:bob", authenticate(basicProxy, "Authorization", right).orElseThrow().identity());
        assertEquals(remembered, fixture.authenticator.verifiedBasic.size(), "the same credential is one entry");
        assertInvalid(() -> authenticate(basicProxy, "Authorization", basicHeader("bob:builder2")));
        assertInvalid(() -> authenticate(basicProxy, "Authorization", basicHeader("bob:Builder")));
        assertEquals(remembered, fixture.authenticator.verifiedBasic.size(), "failures are not remembered");
    }

    /**
     * Issue 11.3: user names must not be told apart by timing. Every refused Basic credential costs
     * one PBKDF2 verification of the same cost as a known user's (an unknown user's password is
     * checked against a fixed dummy hash), observed through the authenticator's password-check seam.
     */
    @Test
    void everyRefusedBasicCredentialCostsOneFullPasswordVerification() {
        java.util.List<String> checked = new java.util.ArrayList<>();
        java.util.function.BiPredicate<String, String> real = fixture.authenticator.passwordCheck;
        fixture.authenticator.passwordCheck = (password, stored) -> {
            checked.add(stored);
            return real.test(password, stored);
        };
        try {
            assertInvalid(() -> authenticate(basicProxy, "Authorization", basicHeader("alice:wrong-password")));
            assertEquals(1, checked.size(), "a known user with a wrong password: " + checked);
            String cost = checked.get(0).substring(0, checked.get(0).indexOf('$', "pbkdf2-sha256$".length()) + 1);
            assertEquals("pbkdf2-sha256$" + PasswordHasher.ITERATIONS + "$", cost);

            for (String refused : new String[] {"carol:builder", "alice", ":builder", "", "carol:"}) {
                checked.clear();
                assertInvalid(() -> authenticate(basicProxy, "Authorization", basicHeader(refused)));
                assertEquals(1, checked.size(), "'" + refused + "' is verified once like a known user: " + checked);
                assertTrue(checked.get(0).startsWith(cost), "at the same cost: " + checked.get(0));
                assertFalse(basicProxy.getClientAuth().contains(checked.get(0)), "against no user's hash");
            }
            checked.clear();
            assertInvalid(() -> authenticate(basicProxy, "Authorization", "Basic not*base64"));
            assertEquals(1, checked.size(), "an undecodable credential too: " + checked);
        } finally {
            fixture.authenticator.passwordCheck = real;
        }
    }

    @Test
    void jwtHs256WithASealedSecret() throws Exception {
        String secret = JwtVerifierTest.SECRET;
        Proxy proxy = fixture.proxy("jwt", jwtHs256(secret, "ferry-tests", "ferry"));
        assertFalse(proxy.getClientAuth().contains(secret), "the HMAC secret is sealed at rest");
        assertTrue(proxy.getClientAuth().contains("\"sealedSecret\":\"v1:"));

        String token = JwtVerifierTest.token(JWSAlgorithm.HS256, new MACSigner(secret), 300, -10, "ferry-tests", "ferry");
        assertEquals(new ClientCredential("Authorization", "Bearer " + token, "jwt:ferry-tests/client"),
                authenticate(proxy, "Authorization", "Bearer " + token).orElseThrow());
    }

    @Test
    void jwtWithoutATokenIsMissingAndABadOneInvalid() throws Exception {
        String secret = JwtVerifierTest.SECRET;
        Proxy proxy = fixture.proxy("jwt", jwtHs256(secret, null, null));
        assertMissing("Bearer realm=\"ferry\"", () -> authenticate(proxy));
        String forged = JwtVerifierTest.token(JWSAlgorithm.HS256, new MACSigner(secret + "-other"), 300, -10, null, null);
        assertInvalid(() -> authenticate(proxy, "Authorization", "Bearer " + forged));
        String expired = JwtVerifierTest.token(JWSAlgorithm.HS256, new MACSigner(secret), -120, -200, null, null);
        assertInvalid(() -> authenticate(proxy, "Authorization", "Bearer " + expired));
        assertInvalid(() -> authenticate(proxy, "Authorization", "Bearer not.a.jwt"));
    }

    @Test
    void aJwtProxyWithoutAKeyAcceptsNothing() throws Exception {
        StoredClientAuth stored = new StoredClientAuth();
        stored.type = "jwt";
        stored.algorithm = "HS256";
        String token = JwtVerifierTest.token(JWSAlgorithm.HS256, new MACSigner(JwtVerifierTest.SECRET), 300, -10, null, null);
        assertInvalid(() -> fixture.authenticator.authenticate(stored, headers("Authorization", "Bearer " + token)));
    }

    @Test
    void anUnknownKindAcceptsNothing() {
        StoredClientAuth stored = new StoredClientAuth();
        stored.type = "mtls";
        assertInvalid(() -> fixture.authenticator.authenticate(stored, headers("Authorization", "Bearer x")));
    }
}
