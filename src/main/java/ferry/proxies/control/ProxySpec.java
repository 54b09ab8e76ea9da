package ferry.proxies.control;

import java.util.List;
import java.util.Map;

/**
 * A proxy as the admin API reads and writes it (CONTRACT.md §2). Every field is optional on
 * input: what is left out takes its default, partial nested objects are merged with the
 * defaults, and on {@code PUT} secrets left out keep their stored values.
 */
public class ProxySpec {
    public String id;
    public String targetUrl;
    public String mode;
    public ClientAuth clientAuth;
    public TargetAuth targetAuth;
    public Retry retry;
    public Limits limits;
    public Sync sync;
    public Long retentionSeconds;
    public Callback callback;
    /** Output only. */
    public Boolean paused;
    public String createdAt;
    public String updatedAt;

    public static class ClientAuth {
        public String type;
        public List<String> tokens;
        public String header;
        public List<String> keys;
        public Map<String, String> users;
        public String algorithm;
        public String secret;
        public String publicKeyPem;
        public String issuer;
        public String audience;
    }

    public static class TargetAuth {
        public String type;
        public String token;
        public String name;
        public String value;
        public String username;
        public String password;
    }

    public static class Retry {
        public Integer maxRetries;
        public Long windowSeconds;
        public Long initialDelayMs;
        public Long maxDelayMs;
        public Long attemptTimeoutMs;
        public List<Integer> retryOn;
    }

    public static class Limits {
        public Integer maxConcurrency;
        public Double forwardPerSecond;
        public Boolean adaptive;
        public Double intakePerSecond;
        public Long maxBacklog;
        public Long maxBodyBytes;
    }

    public static class Sync {
        public Integer waitSeconds;
        public Integer deadlineSeconds;
    }

    public static class Callback {
        public String url;
        public String secret;
        /** While rotating: the new secret; deliveries carry both signatures. Left out ends a rotation. */
        public String nextSecret;
        public Boolean allowPerRequest;
        /** Read-only: when the receiver answered 410 Gone and the callback was disabled; a PUT re-enables it. */
        public String disabledAt;
    }
}
