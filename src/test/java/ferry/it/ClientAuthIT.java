package ferry.it;

import static ferry.it.IntakeRefusalsIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every client authentication kind attacked (CONTRACT.md §2, §3): missing, wrong, expired,
 * not-yet-valid, badly signed, {@code alg: none}, algorithm confusion, other proxies' credentials.
 * Each attempt must get the documented 401 problem with its Ferry-Proxy-Code and reach nothing;
 * the valid credential of each kind is accepted, so the refusals are not a broken proxy.
 */
class ClientAuthIT extends AgainstGateway {

    /** Marks this run's request bodies, so that the database can be searched for them. */
    private static final String RUN = java.util.UUID.randomUUID().toString();
    private static final String HS_SECRET = "hs256-secret-for-tests-0123456789abcdef";

    static KeyPair rsa;
    static KeyPair rsaOther;
    static KeyPair ec;
    static KeyPair ecOther;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
        rsaGen.initialize(2048);
        rsa = rsaGen.generateKeyPair();
        rsaOther = rsaGen.generateKeyPair();
        KeyPairGenerator ecGen = KeyPairGenerator.getInstance("EC");
        ecGen.initialize(new ECGenParameterSpec("secp256r1"));
        ec = ecGen.generateKeyPair();
        ecOther = ecGen.generateKeyPair();
        proxy("auth-key", "{\"type\":\"api-key\",\"header\":\"X-Key\",\"keys\":[\"key-aaaaaaaa\"]}");
        proxy("auth-bearer", "{\"type\":\"bearer\",\"tokens\":[\"token-bbbbbbbb\"]}");
        proxy("auth-basic", "{\"type\":\"basic\",\"users\":{\"alice\":\"correct horse battery\"}}");
        proxy("auth-hs", "{\"type\":\"jwt\",\"algorithm\":\"HS256\",\"secret\":\"" + HS_SECRET
                + "\",\"issuer\":\"ferry-tests\",\"audience\":\"ferry\"}");
        proxy("auth-rs", "{\"type\":\"jwt\",\"algorithm\":\"RS256\",\"publicKeyPem\":\"" + pem(rsa) + "\"}");
        proxy("auth-es", "{\"type\":\"jwt\",\"algorithm\":\"ES256\",\"publicKeyPem\":\"" + pem(ec) + "\"}");
    }

    private static void proxy(String id, String clientAuth) {
        api.createProxy("""
                {"id":"%s","targetUrl":"%s/%s","clientAuth":%s}""".formatted(id, origin.url(), id, clientAuth));
    }

    private static String pem(KeyPair pair) {
        return "-----BEGIN PUBLIC KEY-----\\n" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\\n-----END PUBLIC KEY-----";
    }

    private static String jwt(JWSAlgorithm alg, JWSSigner signer, long expIn, long nbfIn, String iss, String aud) {
        try {
            long now = System.currentTimeMillis();
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject("client")
                    .expirationTime(new Date(now + expIn * 1000)).notBeforeTime(new Date(now + nbfIn * 1000));
            if (iss != null) claims.issuer(iss);
            if (aud != null) claims.audience(aud);
            SignedJWT token = new SignedJWT(new JWSHeader(alg), claims.build());
            token.sign(signer);
            return token.serialize();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> post(String proxy, String header, String value) {
        return post(proxy, "x", header, value);
    }

    private static HttpResponse<String> post(String proxy, String path, String header, String value) {
        HttpRequest.Builder request = api.request("async/" + proxy + "/" + path);
        if (header != null) {
            request.header(header, value);
        }
        return api.send(request.POST(HttpRequest.BodyPublishers.ofString("{\"marker\":\"" + path + "-" + RUN + "\"}")));
    }

    @Test
    void hostileCredentialsAreRefusedAndReachNothing() throws Exception {
        MACSigner hs = new MACSigner(HS_SECRET);
        String none = new PlainJWT(new JWTClaimsSet.Builder().subject("client").issuer("ferry-tests").audience("ferry")
                .expirationTime(new Date(System.currentTimeMillis() + 60_000)).build()).serialize();
        Map<String, String[]> cases = new LinkedHashMap<>(); // name -> proxy, header, value, expected code
        cases.put("api-key missing", new String[] {"auth-key", null, null, "auth-missing"});
        cases.put("api-key wrong", new String[] {"auth-key", "X-Key", "key-wrong000", "auth-invalid"});
        cases.put("api-key in the default header", new String[] {"auth-key", "X-Api-Key", "key-aaaaaaaa", "auth-missing"});
        cases.put("api-key of another proxy's bearer", new String[] {"auth-key", "X-Key", "token-bbbbbbbb", "auth-invalid"});
        cases.put("bearer missing", new String[] {"auth-bearer", null, null, "auth-missing"});
        cases.put("bearer wrong", new String[] {"auth-bearer", "Authorization", "Bearer token-wrong000", "auth-invalid"});
        cases.put("bearer empty", new String[] {"auth-bearer", "Authorization", "Bearer ", "auth-missing"});
        cases.put("bearer as basic", new String[] {"auth-bearer", "Authorization", basic("x", "token-bbbbbbbb"), "auth-missing"});
        cases.put("basic missing", new String[] {"auth-basic", null, null, "auth-missing"});
        cases.put("basic wrong password", new String[] {"auth-basic", "Authorization", basic("alice", "wrong horse battery"), "auth-invalid"});
        cases.put("basic unknown user", new String[] {"auth-basic", "Authorization", basic("mallory", "correct horse battery"), "auth-invalid"});
        cases.put("basic not base64", new String[] {"auth-basic", "Authorization", "Basic !!!notbase64", "auth-invalid"});
        cases.put("basic without colon", new String[] {"auth-basic", "Authorization",
                "Basic " + Base64.getEncoder().encodeToString("alice".getBytes()), "auth-invalid"});
        cases.put("basic as bearer", new String[] {"auth-basic", "Authorization", "Bearer token-bbbbbbbb", "auth-missing"});
        cases.put("jwt missing", new String[] {"auth-hs", null, null, "auth-missing"});
        cases.put("jwt wrong secret", new String[] {"auth-hs", "Authorization",
                "Bearer " + jwt(JWSAlgorithm.HS256, new MACSigner(HS_SECRET + "-not"), 300, -5, "ferry-tests", "ferry"), "auth-invalid"});
        cases.put("jwt expired", new String[] {"auth-hs", "Authorization",
                "Bearer " + jwt(JWSAlgorithm.HS256, hs, -120, -300, "ferry-tests", "ferry"), "auth-invalid"});
        cases.put("jwt not yet valid", new String[] {"auth-hs", "Authorization",
                "Bearer " + jwt(JWSAlgorithm.HS256, hs, 600, 120, "ferry-tests", "ferry"), "auth-invalid"});
        cases.put("jwt alg none", new String[] {"auth-hs", "Authorization", "Bearer " + none, "auth-invalid"});
        cases.put("jwt wrong issuer", new String[] {"auth-hs", "Authorization",
                "Bearer " + jwt(JWSAlgorithm.HS256, hs, 300, -5, "evil", "ferry"), "auth-invalid"});
        cases.put("jwt wrong audience", new String[] {"auth-hs", "Authorization",
                "Bearer " + jwt(JWSAlgorithm.HS256, hs, 300, -5, "ferry-tests", "elsewhere"), "auth-invalid"});
        cases.put("jwt garbage", new String[] {"auth-hs", "Authorization", "Bearer a.b.c", "auth-invalid"});
        cases.put("jwt tampered payload", new String[] {"auth-hs", "Authorization", "Bearer "
                + tamper(jwt(JWSAlgorithm.HS256, hs, 300, -5, "ferry-tests", "ferry")), "auth-invalid"});
        cases.put("rs256 other key", new String[] {"auth-rs", "Authorization",
                "Bearer " + jwt(JWSAlgorithm.RS256, new RSASSASigner(rsaOther.getPrivate()), 300, -5, null, null), "auth-invalid"});
        cases.put("rs256 expired", new String[] {"auth-rs", "Authorization",
                "Bearer " + jwt(JWSAlgorithm.RS256, new RSASSASigner(rsa.getPrivate()), -120, -300, null, null), "auth-invalid"});
        cases.put("rs256 algorithm confusion", new String[] {"auth-rs", "Authorization",
                "Bearer " + jwt(JWSAlgorithm.HS256, new MACSigner(pem(rsa).getBytes(StandardCharsets.UTF_8)), 300, -5, null, null), "auth-invalid"});
        cases.put("rs256 alg none", new String[] {"auth-rs", "Authorization", "Bearer " + none, "auth-invalid"});
        cases.put("es256 other key", new String[] {"auth-es", "Authorization",
                "Bearer " + jwt(JWSAlgorithm.ES256, new ECDSASigner((ECPrivateKey) ecOther.getPrivate()), 300, -5, null, null), "auth-invalid"});
        cases.put("es256 token on rs256 proxy", new String[] {"auth-rs", "Authorization",
                "Bearer " + jwt(JWSAlgorithm.ES256, new ECDSASigner((ECPrivateKey) ec.getPrivate()), 300, -5, null, null), "auth-invalid"});

        List<String> failures = new ArrayList<>();
        for (var c : cases.entrySet()) {
            String[] v = c.getValue();
            HttpResponse<String> response = post(v[0], "hostile", v[1], v[2]);
            try {
                assertProblem(response, 401, v[3], v[3].equals("auth-missing") ? "AUTH_MISSING" : "AUTH_INVALID");
            } catch (AssertionError e) {
                failures.add(c.getKey() + ": " + e.getMessage());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(origin.received().stream().noneMatch(r -> r.pathAndQuery().endsWith("/hostile")),
                "a refused request reached the origin: " + origin.received());
        assertTrue(!StoredBytes.databaseContains("hostile-" + RUN), "a refused request was stored");
        assertEquals(200, api.send(api.request("health/ready").GET()).statusCode(), "still healthy");
    }

    @Test
    void theRightCredentialOfEachKindIsAccepted() throws Exception {
        Map<String, String[]> valid = new LinkedHashMap<>();
        valid.put("auth-key", new String[] {"X-Key", "key-aaaaaaaa"});
        valid.put("auth-bearer", new String[] {"Authorization", "Bearer token-bbbbbbbb"});
        valid.put("auth-basic", new String[] {"Authorization", basic("alice", "correct horse battery")});
        valid.put("auth-hs", new String[] {"Authorization", "Bearer "
                + jwt(JWSAlgorithm.HS256, new MACSigner(HS_SECRET), 300, -5, "ferry-tests", "ferry")});
        valid.put("auth-rs", new String[] {"Authorization", "Bearer "
                + jwt(JWSAlgorithm.RS256, new RSASSASigner(rsa.getPrivate()), 300, -5, null, null)});
        valid.put("auth-es", new String[] {"Authorization", "Bearer "
                + jwt(JWSAlgorithm.ES256, new ECDSASigner((ECPrivateKey) ec.getPrivate()), 300, -5, null, null)});
        for (var v : valid.entrySet()) {
            HttpResponse<String> accepted = post(v.getKey(), v.getValue()[0], v.getValue()[1]);
            assertEquals(202, accepted.statusCode(), v.getKey() + ": " + accepted.body());
            String id = Api.object(accepted.body()).getString("requestId");
            api.awaitStatus(id, Api.hasStatus("completed"), Duration.ofSeconds(30));
            StubOrigin.Received got = origin.receivedAt("/" + v.getKey() + "/x").get(0);
            assertEquals(null, got.header(v.getValue()[0].toLowerCase()), v.getKey() + ": the client's credential was forwarded");
            HttpResponse<String> status = api.send(api.request("requests/" + id).header(v.getValue()[0], v.getValue()[1]).GET());
            assertEquals(200, status.statusCode(), v.getKey() + ": the owner reads its request");
        }
        // Admin API never shows a secret, a hash or a password.
        String listed = api.admin("GET", "admin/proxies", null).body();
        for (String secret : new String[] {"key-aaaaaaaa", "token-bbbbbbbb", "correct horse battery", HS_SECRET, "pbkdf2"}) {
            assertTrue(!listed.contains(secret), "admin API shows " + secret);
        }
    }

    @Test
    void intakeRateLimitPerCredential() {
        api.createProxy("""
                {"id":"auth-limited","targetUrl":"%s/limited","clientAuth":{"type":"bearer","tokens":["limited-token-1","limited-token-2"]},
                 "limits":{"intakePerSecond":0.2}}""".formatted(origin.url()));
        HttpResponse<String> first = post("auth-limited", "Authorization", "Bearer limited-token-1");
        HttpResponse<String> second = post("auth-limited", "Authorization", "Bearer limited-token-1");
        HttpResponse<String> respelled = post("auth-limited", "Authorization", "bearer   limited-token-1");
        HttpResponse<String> other = post("auth-limited", "Authorization", "Bearer limited-token-2");
        assertEquals(202, first.statusCode(), first.body());
        assertProblem(second, 429, "rate-limited", "RATE_LIMITED");
        assertProblem(respelled, 429, "rate-limited", "RATE_LIMITED"); // the same client, spelled differently
        assertTrue(Integer.parseInt(second.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        assertEquals(202, other.statusCode(), "limits are per credential: " + other.body());
    }

    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("client", "admin");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }
}
