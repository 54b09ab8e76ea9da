package ferry.it;

import static ferry.it.IntakeRefusalsIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may read a request's status (CONTRACT.md §5): its proxy's credentials or the admin, nobody else. */
class RequestAccessIT extends AgainstGateway {

    static String requestId;

    @BeforeAll
    static void start() {
        api.createProxy("""
                {"id":"tenant-a","targetUrl":"%s","clientAuth":{"type":"bearer","tokens":["tenant-a-token","tenant-a-other"]}}
                """.formatted(origin.url()));
        api.createProxy("""
                {"id":"tenant-b","targetUrl":"%s","clientAuth":{"type":"api-key","keys":["tenant-b-key-1"]}}
                """.formatted(origin.url()));
        HttpResponse<String> accepted = api.send(api.request("async/tenant-a/private").header("Authorization", "Bearer tenant-a-token")
                .POST(HttpRequest.BodyPublishers.ofString("{\"secret\":\"data\"}")));
        requestId = Api.object(accepted.body()).getString("requestId");
    }

    @Test
    void ownerAndAdminSeeIt() {
        assertEquals(200, api.status(requestId, "Bearer tenant-a-token").statusCode());
        assertEquals(200, api.status(requestId, "Bearer tenant-a-other").statusCode(), "any credential of the proxy");
        assertEquals(200, api.status(requestId, "Bearer " + Gateway.ADMIN_TOKEN).statusCode());
    }

    @Test
    void noCredentialIs401() {
        assertProblem(api.status(requestId, null), 401, "auth-missing", null);
    }

    @Test
    void othersGetTheSame404AsAnUnknownId() {
        assertProblem(api.status(requestId, "Bearer tenant-a-wrong"), 404, "request-not-found", null);
        assertProblem(api.send(api.request("requests/" + requestId).header("X-Api-Key", "tenant-b-key-1").GET()),
                404, "request-not-found", null);
        assertProblem(api.status(UUID.randomUUID().toString(), "Bearer tenant-a-token"), 404, "request-not-found", null);
    }

    @Test
    void upperCaseIdIsTheSameRequest() {
        assertEquals(200, api.status(requestId.toUpperCase(), "Bearer tenant-a-token").statusCode());
    }

    @Test
    void requestsOfAProxyWithoutClientAuthAreAdminOnly() {
        api.createProxy("""
                {"id":"open","targetUrl":"%s","clientAuth":{"type":"none"}}""".formatted(origin.url()));
        HttpResponse<String> accepted = api.send(api.request("async/open/x").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = Api.object(accepted.body()).getString("requestId");
        assertProblem(api.status(id, null), 401, "auth-missing", null);
        assertProblem(api.status(id, "Bearer tenant-a-token"), 404, "request-not-found", null);
        assertEquals(200, api.status(id, "Bearer " + Gateway.ADMIN_TOKEN).statusCode());
    }

    @Test
    void malformedIdIs400() {
        assertProblem(api.status("not-a-uuid", "Bearer tenant-a-token"), 400, "bad-request", null);
    }
}
