package ferry.requests.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AcceptedHeadersTest {

    @Test
    void everyAcceptedRequestSaysOkAndStored() {
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            assertEquals(Map.of("Ferry-Proxy-Code", "OK", "Ferry-Proxy-Message", "Request accepted and stored."),
                    AcceptedHeaders.of(method), method);
        }
    }

    @Test
    void aGetIsWarnedThatItGainsNothingFromQueuing() {
        Map<String, String> headers = AcceptedHeaders.of("GET");
        assertEquals("OK", headers.get("Ferry-Proxy-Code"));
        assertEquals(AcceptedHeaders.GET_WARNING, headers.get("Ferry-Proxy-Warning"));
        assertEquals(List.of("Ferry-Proxy-Code", "Ferry-Proxy-Message", "Ferry-Proxy-Warning"), List.copyOf(headers.keySet()));
    }
}
