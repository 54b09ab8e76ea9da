package ferry.it;

import static ferry.it.IntakeRefusalsIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The admin API for proxies (CONTRACT.md §2): behind the admin token, secrets write-only. */
class AdminApiIT extends AgainstGateway {

    @Test
    void createGetListReplaceDelete() {
        HttpResponse<String> created = api.admin("POST", "admin/proxies", """
                {"id":"crud","targetUrl":"%s/v1/","clientAuth":{"type":"bearer","tokens":["crud-token-1"]},
                 "targetAuth":{"type":"bearer","token":"target-token-crud"},"retry":{"maxRetries":3}}
                """.formatted(origin.url()));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(api.request("admin/proxies/crud").build().uri().toString(),
                created.headers().firstValue("Location").orElseThrow());
        JsonObject proxy = Api.object(created.body());
        assertEquals("crud", proxy.getString("id"));
        assertEquals(origin.url() + "/v1", proxy.getString("targetUrl"));
        assertEquals("both", proxy.getString("mode"));
        assertEquals(3, proxy.getJsonObject("retry").getInt("maxRetries"), "given value kept");
        assertEquals(900, proxy.getJsonObject("retry").getInt("windowSeconds"), "partial object merged with defaults");
        assertEquals(172800, proxy.getInt("retentionSeconds"));
        assertFalse(created.body().contains("crud-token-1"), "client secret never shown");
        assertFalse(created.body().contains("target-token-crud"), "target secret never shown");

        HttpResponse<String> fetched = api.admin("GET", "admin/proxies/crud", null);
        assertEquals(200, fetched.statusCode());
        assertFalse(fetched.body().contains("target-token-crud"));
        assertTrue(api.admin("GET", "admin/proxies", null).body().contains("\"crud\""));

        // Replace without secrets: the stored ones stay valid.
        HttpResponse<String> replaced = api.admin("PUT", "admin/proxies/crud", """
                {"targetUrl":"%s/v2","mode":"async","clientAuth":{"type":"bearer"},"targetAuth":{"type":"bearer"}}
                """.formatted(origin.url()));
        assertEquals(200, replaced.statusCode(), replaced.body());
        assertEquals("async", Api.object(replaced.body()).getString("mode"));
        HttpResponse<String> accepted = api.send(api.request("async/crud/after-put").header("Authorization", "Bearer crud-token-1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(202, accepted.statusCode(), accepted.body());
        api.awaitStatus(Api.object(accepted.body()).getString("requestId"), Api.hasStatus("completed"), Duration.ofSeconds(30));
        assertEquals("Bearer target-token-crud", origin.receivedAt("/v2/after-put").get(0).header("authorization"));

        assertEquals(204, api.admin("DELETE", "admin/proxies/crud", null).statusCode());
        assertProblem(api.admin("GET", "admin/proxies/crud", null), 404, "proxy-not-found", null);
    }

    @Test
    void changingAnAuthKindNeedsItsSecrets() {
        api.createProxy("""
                {"id":"kinds","targetUrl":"%s","clientAuth":{"type":"bearer","tokens":["kinds-token-1"]},
                 "targetAuth":{"type":"bearer","token":"kinds-target"}}""".formatted(origin.url()));
        HttpResponse<String> response = api.admin("PUT", "admin/proxies/kinds", """
                {"targetUrl":"%s","clientAuth":{"type":"api-key"},"targetAuth":{"type":"header","name":"X-K"}}"""
                .formatted(origin.url()));
        assertProblem(response, 400, "invalid-proxy", null);
        assertTrue(response.body().contains("clientAuth.keys"), response.body());
        assertTrue(response.body().contains("targetAuth"), response.body());
        assertProblem(api.admin("POST", "admin/proxies", """
                {"targetUrl":"%s","clientAuth":{"type":"none"},"targetAuth":{"type":"header","name":"Host","value":"x"}}"""
                .formatted(origin.url())), 400, "invalid-proxy", null);
    }

    /**
     * A callback is signed with a Standard Webhooks secret: without one, or with one in another
     * form, the definition is refused; a replacement may keep the stored secret, and neither it nor
     * a rotation's next secret is ever shown.
     */
    @Test
    void aCallbackNeedsAWhsecSecretThatIsNeverShown() {
        String secret = Api.webhookSecret(32);
        String next = Api.webhookSecret(48);
        String hook = origin.url() + "/hook-" + java.util.UUID.randomUUID();
        HttpResponse<String> none = api.admin("POST", "admin/proxies", """
                {"id":"hooked","targetUrl":"%s","clientAuth":{"type":"none"},"callback":{"url":"%s"}}"""
                .formatted(origin.url(), hook));
        assertProblem(none, 400, "invalid-proxy", null);
        assertTrue(none.body().contains("callback.secret:"), none.body());
        HttpResponse<String> shortKey = api.admin("POST", "admin/proxies", """
                {"id":"hooked","targetUrl":"%s","clientAuth":{"type":"none"},"callback":{"url":"%s","secret":"whsec_c2hvcnQ="}}"""
                .formatted(origin.url(), hook));
        assertProblem(shortKey, 400, "invalid-proxy", null);
        assertTrue(shortKey.body().contains("24 to 64"), shortKey.body());

        api.createProxy("""
                {"id":"hooked","targetUrl":"%s","clientAuth":{"type":"none"},"callback":{"url":"%s","secret":"%s"}}"""
                .formatted(origin.url(), hook, secret));
        HttpResponse<String> rotating = api.admin("PUT", "admin/proxies/hooked", """
                {"targetUrl":"%s","clientAuth":{"type":"none"},"callback":{"url":"%s","nextSecret":"%s"}}"""
                .formatted(origin.url(), hook, next));
        assertEquals(200, rotating.statusCode(), "the stored secret is kept: " + rotating.body());
        HttpResponse<String> shown = api.admin("GET", "admin/proxies/hooked", null);
        assertEquals(200, shown.statusCode(), shown.body());
        assertEquals(hook, Api.object(shown.body()).getJsonObject("callback").getString("url"));
        for (String body : new String[] {rotating.body(), shown.body()}) {
            assertFalse(body.contains(secret.substring(6)) || body.contains(next.substring(6)), body);
            assertFalse(body.contains("secret\""), "write-only fields are left out: " + body);
        }
        assertTrue(StoredBytes.databaseContains(hook), "control: the stored callback URL is found in the database file");
        assertFalse(StoredBytes.databaseContains(secret.substring(6)), "the secret is sealed at rest");
        assertFalse(StoredBytes.databaseContains(next.substring(6)), "the next secret is sealed at rest");
    }

    @Test
    void adminTokenRequired() {
        HttpResponse<String> none = api.send(api.request("admin/proxies").GET());
        assertProblem(none, 401, "auth-missing", null);
        assertTrue(none.headers().firstValue("WWW-Authenticate").isPresent());
        assertProblem(api.send(api.request("admin/proxies").header("Authorization", "Bearer wrong").GET()), 401, "auth-invalid", null);
        assertProblem(api.send(api.request("admin/proxies").header("Authorization", "Bearer wrong")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"targetUrl\":\"http://127.0.0.1:1\"}"))), 401, "auth-invalid", null);
    }

    @Test
    void invalidProxiesNameEachBadField() {
        HttpResponse<String> response = api.admin("POST", "admin/proxies", """
                {"id":"Bad Id","targetUrl":"ftp://x","mode":"sometimes","clientAuth":{"type":"bearer","tokens":["short"]},
                 "retry":{"initialDelayMs":-1,"maxDelayMs":-2,"retryOn":[99]}}
                """);
        assertProblem(response, 400, "invalid-proxy", null);
        String errors = Api.object(response.body()).getJsonArray("errors").toString();
        for (String field : new String[] {"id", "targetUrl", "mode", "clientAuth.tokens", "retry.initialDelayMs",
                "retry.maxDelayMs", "retry.retryOn"}) {
            assertTrue(errors.contains(field + ":"), field + " not named in " + errors);
        }
        assertProblem(api.admin("POST", "admin/proxies", "{not json"), 400, "bad-request", null);
        assertProblem(api.admin("POST", "admin/proxies", "{\"targetUrl\":\"http://127.0.0.1:1\"}"), 400, "invalid-proxy", null);
    }

    @Test
    void duplicateIdsAndUnknownProxies() {
        String json = """
                {"id":"twice","targetUrl":"%s","clientAuth":{"type":"none"}}""".formatted(origin.url());
        assertEquals(201, api.admin("POST", "admin/proxies", json).statusCode());
        assertProblem(api.admin("POST", "admin/proxies", json), 409, "proxy-exists", null);
        assertProblem(api.admin("PUT", "admin/proxies/never", json.replace("twice", "never")), 404, "proxy-not-found", null);
        assertProblem(api.admin("POST", "admin/proxies/never/pause", null), 404, "proxy-not-found", null);
        assertProblem(api.admin("DELETE", "admin/proxies/never", null), 404, "proxy-not-found", null);
    }

    @Test
    void generatedIdWhenOmitted() {
        JsonObject proxy = api.createProxy("""
                {"targetUrl":"%s","clientAuth":{"type":"api-key","keys":["generated-key-1"]}}""".formatted(origin.url()));
        assertTrue(proxy.getString("id").matches("[a-z0-9-]{1,64}"));
        assertEquals("X-Api-Key", proxy.getJsonObject("clientAuth").getString("header"));
    }
}
