package ferry.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** A client of the gateway's HTTP API for black-box tests (java.net.http, no Ferry code). */
public final class Api {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public Api(URI base) {
        this.base = base;
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> admin(String method, String path, String json) {
        HttpRequest.Builder request = request(path).header("Authorization", "Bearer " + Gateway.ADMIN_TOKEN);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Creates a proxy and fails the test unless it answers 201. */
    public JsonObject createProxy(String json) {
        HttpResponse<String> created = admin("POST", "admin/proxies", json);
        if (created.statusCode() != 201) {
            throw new AssertionError("proxy not created: " + created.statusCode() + " " + created.body());
        }
        return object(created.body());
    }

    public HttpResponse<String> status(String requestId, String authorization) {
        HttpRequest.Builder request = request("requests/" + requestId);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.GET());
    }

    /** Polls the status until it matches (a deadline, not a fixed sleep); returns the matching document. */
    public JsonObject awaitStatus(String requestId, Predicate<JsonObject> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = status(requestId, "Bearer " + Gateway.ADMIN_TOKEN);
            if (response.statusCode() == 200) {
                last = object(response.body());
                if (condition.test(last)) {
                    return last;
                }
            }
            Gateway.pause(100);
        }
        throw new AssertionError("status of " + requestId + " did not match within " + timeout + "; last: " + last);
    }

    public static JsonObject object(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            JsonStructure structure = reader.read();
            return structure.asJsonObject();
        }
    }

    public static Predicate<JsonObject> hasStatus(String status) {
        return doc -> status.equals(doc.getString("status", null));
    }

    /** A fresh Standard Webhooks secret: {@code whsec_} and the base64 of {@code bytes} random bytes. */
    public static String webhookSecret(int bytes) {
        byte[] key = new byte[bytes];
        new java.security.SecureRandom().nextBytes(key);
        return "whsec_" + java.util.Base64.getEncoder().encodeToString(key);
    }
}
