package ferry.intake.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

class PathBelowProxyTest {

    private static String below(String base, String request) {
        return PathBelowProxy.of(URI.create(base), URI.create(request));
    }

    @Test
    void keepsTheTrailingSlashAndTheEncoding() {
        assertEquals("users/", below("http://h/", "http://h/async/p/users/"));
        assertEquals("users", below("http://h/", "http://h/async/p/users?x=1"));
        assertEquals("a%2Fb/c%20d", below("http://h/", "http://h/proxy/p/a%2Fb/c%20d"));
    }

    @Test
    void nothingBelowTheProxyIsTheEmptyPath() {
        assertEquals("", below("http://h/", "http://h/async/p"));
        assertEquals("", below("http://h/", "http://h/async/p/"));
    }

    @Test
    void anEmptySegmentStaysForTheGuardToRefuse() {
        assertEquals("/a", below("http://h/", "http://h/async/p//a"));
    }

    @Test
    void belowAContextRoot() {
        assertEquals("a/b", below("http://h/ferry/", "http://h/ferry/async/p/a/b"));
    }
}
