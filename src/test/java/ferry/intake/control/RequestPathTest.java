package ferry.intake.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathTest {

    @Test
    void emptyPathIsAccepted() {
        assertEquals(Optional.empty(), RequestPath.problem(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "orders",
            "v1/orders/42",
            "orders/",
            "a-b_c.d~e/f!g$h&i'j(k)l*m+n,o;p=q",
            "items/v1:batch",
            "files/report.final.pdf",
            "...",
            "a..b/c",
            "search%20results",
            "caf%C3%A9",
            "x%3Fy%23z",
            "a;b=c/d",             // matrix parameters after a non-dot segment stay allowed
            "a;/b",
            "a/b;",
            "...;x/y",
            "a.;x/b",
            "..a;x/b"
    })
    void plainRelativePathsAreAccepted(String path) {
        assertEquals(Optional.empty(), RequestPath.problem(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "./a", "../a", "a/.", "a/..", "a/./b", "a/../b", "a/../../etc/passwd"})
    void dotSegmentsAreRefused(String path) {
        assertRefused(path);
    }

    /**
     * A segment that is {@code .} or {@code ..} once its matrix parameters are cut off, or empty
     * before them, is refused by the rule itself, not by how a container happens to split {@code ;}
     * (Grizzly cuts matrix parameters, Undertow does not in the same way).
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "..;/admin", "..;", "..;x", "..;x/b", "a/..;x/b", "a/..;", "a/..;x=y;z/b",
            ".;", ".;x", ".;x/y", "a/.;x/b", "a/.;",
            ";x", ";", "a/;x/b", "a/;", ";x/b", "a/;/b",
            "%2e;/a", "%2e%2e;x/a", "a/%2e;x/b"
    })
    void dotOrEmptySegmentsDisguisedByMatrixParametersAreRefused(String path) {
        assertRefused(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "%2e%2e/a", "%2E%2E/a", ".%2e/a", "a/%2e", "a%2eb",  // encoded dots
            "a%2fb", "a%2Fb",                                  // encoded slash
            "a%5cb", "a%5Cb",                                  // encoded backslash
            "a%25b", "a%252e%252e",                            // encoded percent (double encoding)
            "a%40evil.example",                                // encoded @
            "a%00b", "a%0ab", "a%0D%0Ab", "a%1fb", "a%7fb"     // encoded control characters
    })
    void encodedDelimitersAndControlCharactersAreRefused(String path) {
        assertRefused(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a//b", "a/b//", "//evil.example/x", "/a", "/"})
    void emptySegmentsAndLeadingSlashAreRefused(String path) {
        assertRefused(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\b", "..\\a", "\\\\evil\\share"})
    void backslashesAreRefused(String path) {
        assertRefused(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"@evil.example", "user@evil.example/x", "a/b@c"})
    void rawAtSignIsRefused(String path) {
        assertRefused(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http:evil.example", "https:x", "javascript:alert(1)", "file:etc/passwd", "a+b.c-d:x"})
    void schemesAreRefused(String path) {
        assertRefused(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\tb", "a\nb", "a\rb", "a\u0000b", "a\u007fb", "a b", "caf\u00e9", "a?b", "a#b", "a\"b"})
    void rawControlWhitespaceNonAsciiAndOtherCharactersAreRefused(String path) {
        assertRefused(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "a%", "a%2", "a%zz", "a%g0", "a%0g", "a%%20"})
    void malformedPercentEncodingsAreRefused(String path) {
        assertRefused(path);
    }

    private static void assertRefused(String path) {
        Optional<String> problem = RequestPath.problem(path);
        assertTrue(problem.isPresent(), "expected a refusal for " + path);
        assertTrue(problem.get().startsWith("the path"), problem.get());
    }
}
