package ferry.intake.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ferry.platform.problems.Problem;
import ferry.proxies.control.ProxySettings;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CallbackUrlTest {

    private static final ProxySettings.Callback OPEN =
            new ProxySettings.Callback("https://hooks.example.com/ferry", "v1:sealed", null, true);

    @Test
    void noHeaderIsNoUrl() {
        assertEquals(Optional.empty(), CallbackUrl.of(null, OPEN));
        assertEquals(Optional.empty(), CallbackUrl.of(null, null));
    }

    @Test
    void anAllowedUrlIsTakenTrimmed() {
        assertEquals(Optional.of("https://client.example.com/done?x=1"),
                CallbackUrl.of("  https://client.example.com/done?x=1 ", OPEN));
    }

    @Test
    void onlyACallbackThatAllowsItTakesOne() {
        for (ProxySettings.Callback callback : new ProxySettings.Callback[] {null,
                new ProxySettings.Callback("https://h.example.com", "v1:s", null, null),
                new ProxySettings.Callback("https://h.example.com", "v1:s", null, false)}) {
            Problem p = assertThrows(Problem.class, () -> CallbackUrl.of("https://client.example.com/x", callback));
            assertEquals("callback-not-allowed", p.code());
            assertEquals(400, p.status());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a url", "/relative", "ftp://h.example.com/x", "mailto:a@example.com",
            "https:///x", "https://user:pw@h.example.com/x"})
    void aUrlThatIsNoAbsoluteHttpUrlIsABadRequest(String url) {
        assertEquals("bad-request", assertThrows(Problem.class, () -> CallbackUrl.of(url, OPEN)).code());
    }

    @Test
    void anOverLongUrlIsRefusedNotCut() {
        String url = "https://h.example.com/" + "a".repeat(CallbackUrl.MAX_LENGTH);
        assertEquals("bad-request", assertThrows(Problem.class, () -> CallbackUrl.of(url, OPEN)).code());
    }
}
