package ferry.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokenTest {

    @ParameterizedTest
    @CsvSource({
            "'Bearer abc.def-123', abc.def-123",
            "'bearer abc', abc",
            "'BEARER abc', abc",
            "'Bearer    abc  ', abc",
            "'Bearer mF_9.B5f-4.1JqM/+=', mF_9.B5f-4.1JqM/+="
    })
    void theTokenFollowsTheBearerScheme(String header, String token) {
        assertEquals(Optional.of(token), BearerToken.from(header));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Bearer    ", "Bearerabc", "Basic YWxhZGRpbjpvcGVu",
            "Token abc", "abc", " Bearer abc", "Bearer\tabc"})
    void anythingElseHasNoToken(String header) {
        assertEquals(Optional.empty(), BearerToken.from(header));
    }
}
