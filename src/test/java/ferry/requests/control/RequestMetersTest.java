package ferry.requests.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ferry.proxies.entity.EntryPoint;
import ferry.requests.entity.ForwardRequest;
import ferry.requests.entity.RequestState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestMetersTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    private static ForwardRequest request() {
        return new ForwardRequest("r1", "orders", EntryPoint.ASYNC, "POST", "v1/secret-path", "token=abc",
                "{\"X-Api-Key\":[\"k\"]}", new byte[] {1}, "r1", NOW, NOW);
    }

    @Test
    void aFailedRequestsLineNamesItsReasonAndNothingOfItsContent() {
        ForwardRequest request = request();
        request.recordError("retries-exhausted", "HTTP 503 at /v1/secret-path");
        request.moveTo(RequestState.FAILED, NOW.plusMillis(1_500));
        String line = RequestMeters.endLine(request, "failed", RequestMeters.reasonOf(request),
                new RequestEnded(request, NOW.plusMillis(1_500)));
        assertEquals("Request ended: id=r1 proxy=orders state=failed attempts=0 reason=retries-exhausted totalMs=1500", line);
    }

    @Test
    void aCompletedRequestHasNoReasonEvenAfterFailedAttempts() {
        ForwardRequest request = request();
        request.recordError("timeout", "the first attempt timed out");
        request.moveTo(RequestState.PROCESSING, NOW.plusSeconds(1));
        request.moveTo(RequestState.COMPLETED, NOW.plusSeconds(2));
        assertEquals("none", RequestMeters.reasonOf(request));
    }
}
