package ferry.it;

import static ferry.it.IntakeRefusalsIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Ferry-Callback-Url} at intake (CONTRACT.md §3, §8): refused unless the proxy's callback
 * allows it, refused when the egress guard would refuse it, and stored with the request when it
 * is accepted. A refused request is stored nowhere.
 */
class CallbackUrlIT extends AgainstGateway {

    @BeforeAll
    static void proxies() {
        String secret = Api.webhookSecret(32);
        api.createProxy("""
                {"id":"cb-open","targetUrl":"%s","clientAuth":{"type":"bearer","tokens":["cb-open-token"]},
                 "callback":{"url":"%s/hook","secret":"%s","allowPerRequest":true}}"""
                .formatted(origin.url(), origin.url(), secret));
        api.createProxy("""
                {"id":"cb-fixed","targetUrl":"%s","clientAuth":{"type":"bearer","tokens":["cb-fixed-token"]},
                 "callback":{"url":"%s/hook","secret":"%s"}}"""
                .formatted(origin.url(), origin.url(), secret));
        api.createProxy("""
                {"id":"cb-none","targetUrl":"%s","clientAuth":{"type":"bearer","tokens":["cb-none-token"]}}"""
                .formatted(origin.url()));
    }

    @Test
    void aProxyWithoutCallbackOrThatDoesNotAllowItRefusesOne() {
        for (String proxy : new String[] {"cb-none", "cb-fixed"}) {
            String marker = "refused-" + UUID.randomUUID();
            HttpResponse<String> refused = submit(proxy, "https://hooks.example.com/" + marker, marker);
            assertProblem(refused, 400, "callback-not-allowed", "BAD_REQUEST");
            assertFalse(StoredBytes.databaseContains(marker), "a refused request was stored");
        }
    }

    @Test
    void aUrlTheEgressGuardRefusesOrThatIsNoHttpUrlIsRefused() {
        for (String url : new String[] {"http://169.254.169.254/latest", "http://10.20.30.40/hook",
                "ftp://hooks.example.com/x", "/relative", "https://user:pw@hooks.example.com/x"}) {
            String marker = "refused-" + UUID.randomUUID();
            HttpResponse<String> refused = submit("cb-open", url, marker);
            assertProblem(refused, 400, "bad-request", "BAD_REQUEST");
            assertTrue(refused.body().contains("Ferry-Callback-Url"), refused.body());
            assertFalse(StoredBytes.databaseContains(marker), "a refused request was stored: " + url);
        }
    }

    @Test
    void anAllowedUrlIsStoredWithTheRequest() {
        String url = origin.url() + "/own-hook/" + UUID.randomUUID(); // a loopback port the tests' egress list allows
        HttpResponse<String> accepted = submit("cb-open", url, "{}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        api.awaitStatus(Api.object(accepted.body()).getString("requestId"), Api.hasStatus("completed"), Duration.ofSeconds(30));
        assertTrue(StoredBytes.databaseContains(url), "the request's callback URL is stored");
        assertTrue(origin.received().stream().noneMatch(r -> r.header("ferry-callback-url") != null),
                "the control header is never forwarded");
    }

    private static HttpResponse<String> submit(String proxy, String callbackUrl, String body) {
        return api.send(api.request("async/" + proxy + "/x").header("Authorization", "Bearer " + proxy + "-token")
                .header("Ferry-Callback-Url", callbackUrl).POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
