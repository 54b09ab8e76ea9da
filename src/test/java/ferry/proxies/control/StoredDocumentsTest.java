package ferry.proxies.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
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
