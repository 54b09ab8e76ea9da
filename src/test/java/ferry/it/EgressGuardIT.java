package ferry.it;

import static ferry.it.IntakeRefusalsIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The egress guard (CONTRACT.md §1), on as in production: only the stub origins' exact loopback
 * ports are allowed. Proxies aiming anywhere private are refused when defined — no test traffic
 * is ever sent to those addresses — and redirects are not followed.
 */
class EgressGuardIT extends AgainstGateway {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9", "http://127.0.0.2", "http://localhost:8080", "http://10.0.0.1",
            "http://172.16.5.4", "http://192.168.1.1", "http://169.254.169.254/latest/meta-data", "http://100.64.0.1",
            "http://0.0.0.0", "http://[::1]", "http://[::ffff:127.0.0.1]", "http://[fd00:ec2::254]", "http://[fe80::1]",
            "https://127.0.0.1:443"})
    void privateTargetsAreRefusedAtDefinition(String target) {
        String id = "egress-" + Integer.toHexString(target.hashCode());
        HttpResponse<String> response = api.admin("POST", "admin/proxies", """
                {"id":"%s","targetUrl":"%s","clientAuth":{"type":"none"}}""".formatted(id, target));
        assertProblem(response, 400, "invalid-proxy", null);
        assertTrue(response.body().contains("targetUrl:"), response.body());
        assertEquals(404, api.admin("GET", "admin/proxies/" + id, null).statusCode(), "nothing stored");
    }

    @Test
    void privateCallbacksAreRefusedToo() {
        HttpResponse<String> response = api.admin("POST", "admin/proxies", """
                {"targetUrl":"%s","clientAuth":{"type":"none"},"callback":{"url":"http://127.0.0.1:9/hook","secret":"whsec_x"}}"""
                .formatted(origin.url()));
        assertProblem(response, 400, "invalid-proxy", null);
        assertTrue(response.body().contains("callback.url:"), response.body());
    }

    @Test
    void aPrivateTargetCannotBeSetByReplacementEither() {
        api.createProxy("""
                {"id":"egress-put","targetUrl":"%s","clientAuth":{"type":"none"}}""".formatted(origin.url()));
        assertProblem(api.admin("PUT", "admin/proxies/egress-put", """
                {"targetUrl":"http://169.254.169.254","clientAuth":{"type":"none"}}"""), 400, "invalid-proxy", null);
        assertEquals(origin.url(), Api.object(api.admin("GET", "admin/proxies/egress-put", null).body()).getString("targetUrl"));
    }

    @Test
    void redirectsAreNotFollowed() {
        api.createProxy("""
                {"id":"egress-redirect","targetUrl":"%s/r","clientAuth":{"type":"bearer","tokens":["redirect-token"]}}"""
                .formatted(origin.url()));
        origin.script("/r/moved", new StubOrigin.Answer(302, Map.of("Location", "http://169.254.169.254/latest/meta-data"),
                new byte[0], Duration.ZERO));
        HttpResponse<String> accepted = api.send(api.request("async/egress-redirect/moved")
                .header("Authorization", "Bearer redirect-token").POST(HttpRequest.BodyPublishers.ofString("{}")));
        String id = Api.object(accepted.body()).getString("requestId");
        JsonObject done = api.awaitStatus(id, Api.hasStatus("completed"), Duration.ofSeconds(30));
        assertEquals(302, done.getJsonObject("response").getInt("status"), "the redirect is the answer");
        assertEquals(1, origin.receivedAt("/r/moved").size());
    }
}
