package ferry.intake.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.platform.problems.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoredHeadersTest {

    @Test
    void ordinaryHeadersAreKeptWithLowerCaseNames() {
        Map<String, List<String>> kept = StoredHeaders.of(Map.of(
                "Content-Type", List.of("application/json"),
                "X-Trace", List.of("abc")), null);
        assertEquals(Map.of("content-type", List.of("application/json"), "x-trace", List.of("abc")), kept);
    }

    @Test
    void hopByHopHeadersAreDropped() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : List.of("Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization",
                "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade")) {
            headers.put(name, List.of("x"));
        }
        headers.put("Accept", List.of("*/*"));
        assertEquals(Map.of("accept", List.of("*/*")), StoredHeaders.of(headers, null));
    }

    @Test
    void headersListedInConnectionAreDropped() {
        Map<String, List<String>> kept = StoredHeaders.of(Map.of(
                "Connection", List.of("X-Session, x-other"),
                "X-Session", List.of("s1"),
                "X-Other", List.of("o1"),
                "X-Kept", List.of("k1")), null);
        assertEquals(Map.of("x-kept", List.of("k1")), kept);
    }

    @Test
    void hostAndContentLengthAreDropped() {
        Map<String, List<String>> kept = StoredHeaders.of(Map.of(
                "Host", List.of("ferry.example"),
                "Content-Length", List.of("12"),
                "Accept", List.of("text/plain")), null);
        assertEquals(Map.of("accept", List.of("text/plain")), kept);
    }

    @Test
    void controlHeadersAreDroppedInAnyCase() {
        Map<String, List<String>> kept = StoredHeaders.of(Map.of(
                "Idempotency-Key", List.of("k"),
                "PREFER", List.of("respond-async"),
                "Ferry-Delay", List.of("30s"),
                "ferry-not-before", List.of("2030-01-01T00:00:00Z"),
                "Ferry-Retries", List.of("2"),
                "Ferry-Callback-Url", List.of("https://hooks.example/x"),
                "Ferry-Request-Id", List.of("spoofed"),
                "Ferry-Attempt", List.of("7"),
                "Accept", List.of("*/*")), null);
        assertEquals(Map.of("accept", List.of("*/*")), kept);
    }

    @Test
    void theCredentialHeaderIsDroppedCaseInsensitively() {
        Map<String, List<String>> kept = StoredHeaders.of(Map.of(
                "x-API-key", List.of("secret-key"),
                "Authorization", List.of("Bearer for-the-target")), "X-Api-Key");
        assertEquals(Map.of("authorization", List.of("Bearer for-the-target")), kept);
    }

    @Test
    void bearerCredentialInAuthorizationIsDropped() {
        Map<String, List<String>> kept = StoredHeaders.of(Map.of(
                "Authorization", List.of("Bearer client-token"),
                "Accept", List.of("*/*")), "authorization");
        assertEquals(Map.of("accept", List.of("*/*")), kept);
    }

    @Test
    void withoutCredentialHeaderAuthorizationIsKept() {
        Map<String, List<String>> kept = StoredHeaders.of(Map.of(
                "Authorization", List.of("Bearer x")), null);
        assertEquals(List.of("Bearer x"), kept.get("authorization"));
    }

    @Test
    void multipleValuesAreKeptInOrderAndMergedAcrossNameCases() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Accept", List.of("text/html", "application/json"));
        headers.put("accept", List.of("text/plain"));
        Map<String, List<String>> kept = StoredHeaders.of(headers, null);
        assertEquals(List.of("text/html", "application/json", "text/plain"), kept.get("accept"));
        assertEquals(1, kept.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\r\nX-Injected: 1", "a\u0000b"})
    void crLfOrNulInAValueIsABadRequest(String value) {
        Problem p = assertThrows(Problem.class,
                () -> StoredHeaders.of(Map.of("X-Value", List.of("fine", value)), null));
        assertEquals(400, p.status());
        assertEquals("bad-request", p.code());
    }

    @Test
    void crLfIsRefusedEvenInAHeaderThatWouldBeDropped() {
        Problem p = assertThrows(Problem.class,
                () -> StoredHeaders.of(Map.of("Ferry-Delay", List.of("5\r\nX: y")), null));
        assertEquals(400, p.status());
    }

    @Test
    void theLimitsStayBelowTheListenersOwn() {
        assertTrue(StoredHeaders.MAX_HEADERS > 0 && StoredHeaders.MAX_HEADERS < 100);
        assertTrue(StoredHeaders.MAX_HEADER_BYTES > 0 && StoredHeaders.MAX_HEADER_BYTES < 8 * 1024);
    }

    @Test
    void exactlyTheMaximumNumberOfHeadersIsAccepted() {
        Map<String, List<String>> kept = StoredHeaders.of(headers(StoredHeaders.MAX_HEADERS), null);
        assertEquals(StoredHeaders.MAX_HEADERS, kept.size());
    }

    @Test
    void oneHeaderMoreIs431() {
        assertHeadersTooLarge(headers(StoredHeaders.MAX_HEADERS + 1));
    }

    @Test
    void valuesAreCountedNotNames() {
        List<String> values = new java.util.ArrayList<>();
        for (int i = 0; i <= StoredHeaders.MAX_HEADERS; i++) {
            values.add("v" + i);
        }
        assertHeadersTooLarge(Map.of("X-Many", values));
    }

    @Test
    void headersUpToTheByteLimitAreAcceptedAndBeyondAre431() {
        String name = "X-Big";
        int limit = StoredHeaders.MAX_HEADER_BYTES;
        String fits = "a".repeat(limit - name.length() - 4);
        assertEquals(fits, StoredHeaders.of(Map.of(name, List.of(fits)), null).get("x-big").get(0));
        assertHeadersTooLarge(Map.of(name, List.of(fits + "a")));
    }

    @Test
    void theSizeLimitCountsDroppedHeadersToo() {
        assertHeadersTooLarge(Map.of("Ferry-Callback-Url", List.of("h".repeat(StoredHeaders.MAX_HEADER_BYTES))));
    }

    @Test
    void theInputIsNotModified() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("x"));
        headers.put("Accept", List.of("*/*"));
        StoredHeaders.of(headers, null);
        assertTrue(headers.containsKey("Host"));
        assertFalse(headers.containsKey("accept"));
        assertEquals(2, headers.size());
    }

    private static Map<String, List<String>> headers(int count) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            headers.put("X-H" + i, List.of("v"));
        }
        return headers;
    }

    private static void assertHeadersTooLarge(Map<String, List<String>> headers) {
        Problem p = assertThrows(Problem.class, () -> StoredHeaders.of(headers, null));
        assertEquals(431, p.status());
        assertEquals("headers-too-large", p.code());
    }
}
