package ferry.proxies.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {

    @Test
    void anEmptySpecGetsEveryDefaultOfTheContract() {
        ProxySettings s = ProxySettings.from(new ProxySpec());

        assertEquals(10, s.retry().maxRetries());
        assertEquals(900L, s.retry().windowSeconds());
        assertEquals(1000L, s.retry().initialDelayMs());
        assertEquals(300_000L, s.retry().maxDelayMs());
        assertEquals(30_000L, s.retry().attemptTimeoutMs());
        assertEquals(List.of(408, 429, 500, 502, 503, 504, 507, 509, 520, 521, 522, 523, 524, 525, 526, 530, 598, 599),
                s.retry().retryOn());

        assertEquals(64, s.limits().maxConcurrency());
        assertNull(s.limits().forwardPerSecond());
        assertEquals(true, s.limits().adaptive());
        assertNull(s.limits().intakePerSecond());
        assertEquals(1_000_000L, s.limits().maxBacklog());
        assertEquals(10_485_760L, s.limits().maxBodyBytes());

        assertEquals(25, s.sync().waitSeconds());
        assertEquals(180, s.sync().deadlineSeconds());
        assertEquals(172_800L, s.retentionSeconds());
        assertNull(s.callback());
    }

    @Test
    void aPartialRetryIsMergedWithTheDefaults() {
        ProxySpec spec = new ProxySpec();
        spec.retry = new ProxySpec.Retry();
        spec.retry.maxRetries = 3;

        ProxySettings s = ProxySettings.from(spec);
        assertEquals(3, s.retry().maxRetries());
        assertEquals(900L, s.retry().windowSeconds());
        assertEquals(1000L, s.retry().initialDelayMs());
        assertEquals(300_000L, s.retry().maxDelayMs());
        assertEquals(30_000L, s.retry().attemptTimeoutMs());
        assertEquals(ProxySettings.DEFAULT_RETRY_ON, s.retry().retryOn());
    }

    @Test
    void partialLimitsAndSyncAreMergedWithTheDefaults() {
        ProxySpec spec = new ProxySpec();
        spec.limits = new ProxySpec.Limits();
        spec.limits.forwardPerSecond = 5.0;
        spec.limits.adaptive = false;
        spec.sync = new ProxySpec.Sync();
        spec.sync.deadlineSeconds = 60;
        spec.retentionSeconds = 3600L;

        ProxySettings s = ProxySettings.from(spec);
        assertEquals(5.0, s.limits().forwardPerSecond());
        assertEquals(false, s.limits().adaptive());
        assertEquals(64, s.limits().maxConcurrency());
        assertEquals(1_000_000L, s.limits().maxBacklog());
        assertEquals(10_485_760L, s.limits().maxBodyBytes());
        assertEquals(25, s.sync().waitSeconds());
        assertEquals(60, s.sync().deadlineSeconds());
        assertEquals(3600L, s.retentionSeconds());
    }

    @Test
    void givenValuesWinOverDefaults() {
        ProxySpec spec = new ProxySpec();
        spec.retry = new ProxySpec.Retry();
        spec.retry.maxRetries = 0;
        spec.retry.windowSeconds = 60L;
        spec.retry.initialDelayMs = 10L;
        spec.retry.maxDelayMs = 20L;
        spec.retry.attemptTimeoutMs = 500L;
        spec.retry.retryOn = List.of(503);
        spec.callback = new ProxySpec.Callback();
        spec.callback.url = "https://hooks.example.com/ferry";

        ProxySettings s = ProxySettings.from(spec);
        assertEquals(0, s.retry().maxRetries());
        assertEquals(60L, s.retry().windowSeconds());
        assertEquals(10L, s.retry().initialDelayMs());
        assertEquals(20L, s.retry().maxDelayMs());
        assertEquals(500L, s.retry().attemptTimeoutMs());
        assertEquals(List.of(503), s.retry().retryOn());
        assertEquals(spec.callback.url, s.callback().url());
        assertNull(s.callback().secret());
    }

    @Test
    void theGivenSpecIsNeitherModifiedNorShared() {
        ProxySpec spec = new ProxySpec();
        spec.retry = new ProxySpec.Retry();
        List<Integer> retryOn = new ArrayList<>(List.of(503));
        spec.retry.retryOn = retryOn;

        ProxySettings s = ProxySettings.from(spec);
        assertNull(spec.retry.maxRetries);
        spec.retry.maxRetries = 99;
        assertEquals(10, s.retry().maxRetries());
        retryOn.add(429);
        assertEquals(List.of(503), s.retry().retryOn());
        assertThrows(UnsupportedOperationException.class, () -> s.retry().retryOn().add(500));
        assertTrue(spec.limits == null && spec.sync == null);
    }
}
