package ferry.it;

import static ferry.it.IntakeRefusalsIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Listings of requests, newest first, by keyset pages (CONTRACT.md §6). */
class ListingIT extends AgainstGateway {

    private static final List<String> accepted = new ArrayList<>(); // oldest first

    @BeforeAll
    static void start() {
        api.createProxy("""
                {"id":"lst","targetUrl":"%s/lst","clientAuth":{"type":"bearer","tokens":["lst-token"]}}"""
                .formatted(origin.url()));
        api.createProxy("""
                {"id":"lst-other","targetUrl":"%s/lst","clientAuth":{"type":"bearer","tokens":["lst-other-token"]}}"""
                .formatted(origin.url()));
        assertEquals(200, api.admin("POST", "admin/proxies/lst/pause", null).statusCode()); // they stay queued
        for (int i = 0; i < 25; i++) {
            accepted.add(submit("lst", "lst-token", "item-" + i));
        }
        submit("lst-other", "lst-other-token", "theirs");
    }

    private static String submit(String proxy, String token, String path) {
        HttpResponse<String> answer = api.send(api.request("async/" + proxy + "/" + path)
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(202, answer.statusCode(), answer.body());
        return Api.object(answer.body()).getString("requestId");
    }

    private static HttpResponse<String> list(String query, String token) {
        return api.send(api.request("requests?" + query).header("Authorization", "Bearer " + token).GET());
    }

    private static List<String> ids(JsonObject page) {
        return page.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(o -> o.getString("requestId")).toList();
    }

    @Test
    void pagesCoverEveryRequestOnceNewestFirstAndIgnoreWhatArrivesMeanwhile() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        String lateId = null;
        do {
            HttpResponse<String> answer = list("proxyId=lst&limit=10" + (cursor == null ? ""
                    : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), "lst-token");
            assertEquals(200, answer.statusCode(), answer.body());
            JsonObject page = Api.object(answer.body());
            seen.addAll(ids(page));
            cursor = page.containsKey("next") ? page.getString("next") : null;
            if (pages++ == 0) {
                lateId = submit("lst", "lst-token", "late"); // newer than every page still to come
            }
        } while (cursor != null);
        assertEquals(3, pages, "25 in pages of 10");
        List<String> newestFirst = new ArrayList<>(accepted);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen, "every request once, newest first; the late one on no later page");
        assertFalse(seen.contains(lateId));
        assertTrue(ids(Api.object(list("proxyId=lst&limit=1", "lst-token").body())).contains(lateId), "it heads a new listing");
    }

    @Test
    void filtersByStatusAndTimeAndNeverShowsAnotherProxysRequests() {
        JsonObject queued = Api.object(list("proxyId=lst&status=queued&limit=1000", "lst-token").body());
        Set<String> ids = new HashSet<>(ids(queued));
        assertTrue(ids.containsAll(accepted));
        queued.getJsonArray("items").getValuesAs(JsonObject.class).forEach(o -> {
            assertEquals("lst", o.getString("proxyId"));
            assertEquals("queued", o.getString("status"));
            assertFalse(o.containsKey("body"), "summaries only");
        });
        assertEquals(0, ids(Api.object(list("proxyId=lst&status=completed", "lst-token").body())).size());
        String future = Instant.now().plusSeconds(3600).toString();
        assertEquals(0, ids(Api.object(list("proxyId=lst&since=" + future, "lst-token").body())).size());
        assertEquals(0, ids(Api.object(list("proxyId=lst&until=2000-01-01T00:00:00Z", "lst-token").body())).size());

        JsonObject all = Api.object(api.admin("GET", "admin/requests?limit=1000", null).body());
        assertTrue(all.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .anyMatch(o -> o.getString("proxyId").equals("lst-other")), "the admin sees every proxy");
        JsonObject onlyOther = Api.object(api.admin("GET", "admin/requests?proxyId=lst-other", null).body());
        onlyOther.getJsonArray("items").getValuesAs(JsonObject.class)
                .forEach(o -> assertEquals("lst-other", o.getString("proxyId")));
    }

    @Test
    void accessAndMalformedParameters() {
        assertProblem(api.send(api.request("requests?proxyId=lst").GET()), 401, "auth-missing", null);
        assertProblem(list("proxyId=lst", "lst-other-token"), 404, "proxy-not-found", null);
        assertProblem(list("proxyId=no-such", "lst-token"), 404, "proxy-not-found", null);
        assertProblem(list("limit=10", "lst-token"), 400, "bad-request", null);
        assertProblem(list("proxyId=lst&limit=1001", "lst-token"), 400, "bad-request", null);
        assertProblem(list("proxyId=lst&limit=0", "lst-token"), 400, "bad-request", null);
        assertProblem(list("proxyId=lst&status=lost", "lst-token"), 400, "bad-request", null);
        assertProblem(list("proxyId=lst&since=yesterday", "lst-token"), 400, "bad-request", null);
        assertProblem(list("proxyId=lst&cursor=not-a-cursor", "lst-token"), 400, "bad-request", null);
        assertProblem(api.send(api.request("admin/requests").GET()), 401, "auth-missing", null);
        assertProblem(api.admin("GET", "admin/requests?limit=5000", null), 400, "bad-request", null);
    }
}
