package ferry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Secrets never rest in plain text: after a request was accepted and forwarded with them, the
 * database file and the server log are searched byte by byte for the client's token, the
 * target credential, the webhook signing secret and both broker passwords. The request body is searched too, as a control that the search works.
 */
class SecretsAtRestIT extends AgainstGateway {

    @Test
    void neitherTheDatabaseNorTheLogHoldsASecret() {
        String clientToken = "client-token-" + UUID.randomUUID();
        String targetSecret = "target-secret-" + UUID.randomUUID();
        String webhookSecret = Api.webhookSecret(32);
        String body = "{\"marker\":\"body-" + UUID.randomUUID() + "\"}";
        api.createProxy("""
                {"id":"at-rest","targetUrl":"%s/s","clientAuth":{"type":"bearer","tokens":["%s"]},
                 "targetAuth":{"type":"header","name":"X-Target-Key","value":"%s"},
                 "callback":{"url":"%s/hook","secret":"%s"}}"""
                .formatted(origin.url(), clientToken, targetSecret, origin.url(), webhookSecret));
        HttpResponse<String> accepted = api.send(api.request("async/at-rest/x").header("Authorization", "Bearer " + clientToken)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(202, accepted.statusCode(), accepted.body());
        api.awaitStatus(Api.object(accepted.body()).getString("requestId"), Api.hasStatus("completed"), Duration.ofSeconds(30));
        assertEquals(targetSecret, origin.receivedAt("/s/x").get(0).header("x-target-key"), "the credential was used");

        assertTrue(StoredBytes.databaseContains(body), "control: the stored body is found in the database file");
        Await.until("the webhook was sent (signed with the secret)", Duration.ofSeconds(30),
                () -> !origin.receivedAt("/hook").isEmpty());
        String webhookKey = webhookSecret.substring("whsec_".length());
        for (String secret : new String[] {clientToken, targetSecret, webhookKey, Gateway.JMS_PASSWORD,
                JmsIntakeIT.internalPassword()}) {
            assertFalse(StoredBytes.databaseContains(secret), "plain secret in the database: " + secret);
            assertFalse(StoredBytes.logContains(secret), "plain secret in the log: " + secret);
        }
    }
}
