package ferry.proxies.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The JSON documents a proxy row keeps, read back as they were written (JSON-B). */
class StoredDocumentsTest {

    @Test
    void settingsSurviveTheirStoredDocument() {
        ProxySpec spec = new ProxySpec();
        spec.retry = new ProxySpec.Retry();
        spec.retry.maxRetries = 3;
        spec.retry.retryOn = List.of(503, 429);
        spec.limits = new ProxySpec.Limits();
        spec.limits.forwardPerSecond = 2.5;
        spec.limits.adaptive = false;
        spec.sync = new ProxySpec.Sync();
        spec.sync.waitSeconds = 7;
        spec.retentionSeconds = 3600L;
        spec.callback = new ProxySpec.Callback();
        spec.callback.url = "https://hooks.example.com/ferry";
        spec.callback.secret = "v1:sealed";
        spec.callback.allowPerRequest = true;
        ProxySettings settings = ProxySettings.from(spec);

        assertEquals(settings, ProxySettings.parse(settings.json()));
        assertEquals(ProxySettings.from(new ProxySpec()), ProxySettings.parse(ProxySettings.from(new ProxySpec()).json()));
    }

    @Test
    void aStoredDocumentMissingFieldsTakesTodaysDefaults() {
        ProxySettings old = ProxySettings.parse("{\"retry\":{\"maxRetries\":2},\"retentionSeconds\":60}");
        assertEquals(2, old.retry().maxRetries());
        assertEquals(900L, old.retry().windowSeconds());
        assertEquals(ProxySettings.DEFAULT_RETRY_ON, old.retry().retryOn());
        assertEquals(25, old.sync().waitSeconds());
        assertEquals(60, old.retentionSeconds());
        assertNull(old.callback());
        assertFalse(ProxySettings.from(new ProxySpec()).json().contains("null"), "nulls are left out");
    }

    /** Issue 11.2: a row stored before the maxima existed is read with its values lowered to them. */
    @Test
    void aStoredDocumentBeyondTheMaximaIsClampedWithAWarningPerField() {
        List<String> warnings = new ArrayList<>();
        Logger log = Logger.getLogger(ProxySettings.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        ProxySettings old;
        try {
            old = ProxySettings.parse("{\"retry\":{\"maxRetries\":2147483647,\"windowSeconds\":9223372036854775807,"
                    + "\"initialDelayMs\":9223372036854775807,\"maxDelayMs\":9223372036854775807,"
                    + "\"attemptTimeoutMs\":9223372036854775807},"
                    + "\"limits\":{\"maxConcurrency\":2147483647,\"forwardPerSecond\":1e300,\"intakePerSecond\":1e12,"
                    + "\"maxBacklog\":9223372036854775807,\"maxBodyBytes\":9223372036854775807},"
                    + "\"sync\":{\"waitSeconds\":2147483647,\"deadlineSeconds\":2147483647},"
                    + "\"retentionSeconds\":9223372036854775807,"
                    + "\"callback\":{\"url\":\"https://hooks.example.com/ferry\",\"secret\":\"v1:sealed-secret\"}}");
        } finally {
            log.removeHandler(handler);
        }
        assertEquals(new ProxySettings.Retry(1000, 2_592_000L, 86_400_000L, 86_400_000L, 600_000L,
                ProxySettings.DEFAULT_RETRY_ON), old.retry());
        assertEquals(new ProxySettings.Limits(10_000, 1_000_000.0, true, 1_000_000.0, 1_000_000_000L, 104_857_600L),
                old.limits());
        assertEquals(new ProxySettings.Sync(25, 3_600), old.sync());
        assertEquals(31_536_000L, old.retentionSeconds());
        assertEquals("v1:sealed-secret", old.callback().secret());

        List<String> fields = List.of("retry.maxRetries", "retry.windowSeconds", "retry.initialDelayMs", "retry.maxDelayMs",
                "retry.attemptTimeoutMs", "limits.maxConcurrency", "limits.forwardPerSecond", "limits.intakePerSecond",
                "limits.maxBacklog", "limits.maxBodyBytes", "sync.waitSeconds", "sync.deadlineSeconds", "retentionSeconds");
        assertEquals(fields.size(), warnings.size(), warnings.toString());
        for (String field : fields) {
            assertTrue(warnings.stream().anyMatch(w -> w.contains(field + " ")), field + " in " + warnings);
        }
        assertTrue(warnings.stream().noneMatch(w -> w.contains("sealed")), "no secrets in the log: " + warnings);
    }

    @Test
    void aStoredDocumentAtTheMaximaIsReadUnchanged() {
        ProxySettings atMaxima = new ProxySettings(
                new ProxySettings.Retry(1000, 2_592_000L, 86_400_000L, 86_400_000L, 600_000L, List.of(503)),
                new ProxySettings.Limits(10_000, 1_000_000.0, false, 1_000_000.0, 1_000_000_000L, 104_857_600L),
                new ProxySettings.Sync(25, 3_600), 31_536_000L, null);
        assertEquals(atMaxima, ProxySettings.parse(atMaxima.json()));
    }

    @Test
    void targetAuthIsReadAsStored() {
        ProxySpec.TargetAuth given = new ProxySpec.TargetAuth();
        given.type = "basic";
        given.username = "svc";
        given.password = "pw";
        assertEquals(new TargetAuth("basic", null, null, null, "svc", "pw"),
                TargetAuth.parse(ProxyCodec.targetAuth(given, null)));
        assertEquals(new TargetAuth("none", null, null, null, null, null), TargetAuth.parse(ProxyCodec.targetAuth(null, null)));
        assertEquals(new TargetAuth("query", null, "api_key", "k", null, null),
                TargetAuth.parse("{\"type\":\"query\",\"name\":\"api_key\",\"value\":\"k\"}"));
    }

    @Test
    void aReplacedTargetAuthOfTheSameKindKeepsTheSecretsLeftOut() {
        ProxySpec.TargetAuth previous = new ProxySpec.TargetAuth();
        previous.type = "header";
        previous.name = "X-Key";
        previous.value = "old-secret";
        ProxySpec.TargetAuth given = new ProxySpec.TargetAuth();
        given.type = "header";
        given.name = "X-Other";
        assertEquals(new TargetAuth("header", null, "X-Other", "old-secret", null, null),
                TargetAuth.parse(ProxyCodec.targetAuth(given, previous)));
    }
}
