package ferry.forwarding.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetUrlTest {

    @Test
    void joinsBaseAndPathWithOneSlash() {
        assertEquals(URI.create("https://api.example.com/v1/orders/42"),
                TargetUrl.join("https://api.example.com/v1", "orders/42", null));
    }

    @Test
    void aTrailingSlashOnTheBaseIsNotDoubled() {
        assertEquals(URI.create("https://api.example.com/v1/orders/42"),
                TargetUrl.join("https://api.example.com/v1/", "orders/42", null));
    }

    @Test
    void baseWithoutPathAndPort() {
        assertEquals(URI.create("http://api.example.com:8081/orders"),
                TargetUrl.join("http://api.example.com:8081", "orders", null));
    }

    @Test
    void theQueryIsKeptVerbatim() {
        assertEquals(URI.create("https://api.example.com/v1/search?q=a%20b&page=2&flag"),
                TargetUrl.join("https://api.example.com/v1", "search", "q=a%20b&page=2&flag"));
    }

    @Test
    void anEmptyQueryAddsNoQuestionMark() {
        assertEquals("https://api.example.com/v1/search",
                TargetUrl.join("https://api.example.com/v1", "search", "").toString());
    }

    @Test
    void anEmptyPathIsTheBaseItself() {
        assertEquals("https://api.example.com/v1", TargetUrl.join("https://api.example.com/v1", "", null).toString());
        assertEquals("https://api.example.com/v1?x=1", TargetUrl.join("https://api.example.com/v1", "", "x=1").toString());
    }

    @Test
    void percentEncodingInThePathIsKept() {
        URI joined = TargetUrl.join("https://api.example.com/v1", "files/a%20b", null);
        assertEquals("/v1/files/a%20b", joined.getRawPath());
    }

    @Test
    void aTrailingSlashInThePathIsKept() {
        assertEquals("/v1/orders/", TargetUrl.join("https://api.example.com/v1", "orders/", null).getRawPath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../../x", "..", "a/..", "./x", "a/./b", "a//b"})
    void aPathThatWouldLeaveOrRewriteTheBaseIsRefused(String path) {
        assertThrows(IllegalArgumentException.class, () -> TargetUrl.join("https://api.example.com/v1", path, null));
    }

    @Test
    void aPathThatWouldLeaveARootBaseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TargetUrl.join("https://api.example.com", "../x", null));
    }
}
