package ferry.proxies.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyValidatorTest {

    /** Every field set to a valid value. */
    private static ProxySpec fullProxy() {
        ProxySpec p = new ProxySpec();
        p.id = "abc-123";
        p.targetUrl = "https://api.example.com/v1";
        p.mode = "both";
        p.clientAuth = new ProxySpec.ClientAuth();
        p.clientAuth.type = "bearer";
        p.clientAuth.tokens = List.of("client-token-0001", "client-token-0002");
        p.targetAuth = new ProxySpec.TargetAuth();
        p.targetAuth.type = "bearer";
        p.targetAuth.token = "target-token";
        p.retry = new ProxySpec.Retry();
        p.retry.maxRetries = 10;
        p.retry.windowSeconds = 900L;
        p.retry.initialDelayMs = 1000L;
        p.retry.maxDelayMs = 300_000L;
        p.retry.attemptTimeoutMs = 30_000L;
        p.retry.retryOn = List.of(408, 429, 500, 502, 503, 504);
        p.limits = new ProxySpec.Limits();
        p.limits.maxConcurrency = 64;
        p.limits.forwardPerSecond = 10.0;
        p.limits.adaptive = true;
        p.limits.intakePerSecond = 5.0;
        p.limits.maxBacklog = 1_000_000L;
        p.limits.maxBodyBytes = 10_485_760L;
        p.sync = new ProxySpec.Sync();
        p.sync.waitSeconds = 25;
        p.sync.deadlineSeconds = 180;
        p.retentionSeconds = 172_800L;
        p.callback = new ProxySpec.Callback();
        p.callback.url = "https://hooks.example.com/ferry";
        p.callback.secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        p.callback.allowPerRequest = false;
        return p;
    }

    /** Only what the contract requires. */
    private static ProxySpec minimalProxy() {
        ProxySpec p = new ProxySpec();
        p.targetUrl = "http://api.example.com";
        p.clientAuth = new ProxySpec.ClientAuth();
        p.clientAuth.type = "none";
        return p;
    }

    private static List<String> problemsOf(Consumer<ProxySpec> change) {
        ProxySpec p = fullProxy();
        change.accept(p);
        return problems(p, false);
    }

    /** Exactly one problem, naming {@code field}. */
    private static void assertOnlyProblem(String field, List<String> problems) {
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(field + ":"), problems.toString());
    }

    @Test
    void aValidFullProxyHasNoProblems() {
        assertEquals(List.of(), problems(fullProxy(), false));
        assertEquals(List.of(), problems(fullProxy(), true));
    }

    @Test
    void aMinimalProxyHasNoProblems() {
        assertEquals(List.of(), problems(minimalProxy(), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ABC", "a_b", "a b", "a/b", "caf\u00e9",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void aBadIdIsNamed(String id) {
        assertOnlyProblem("id", problemsOf(p -> p.id = id));
    }

    @Test
    void aSixtyFourCharacterIdIsFine() {
        assertEquals(List.of(), problemsOf(p -> p.id = "a".repeat(64)));
    }

    @Test
    void aMissingTargetUrlIsNamed() {
        assertOnlyProblem("targetUrl", problemsOf(p -> p.targetUrl = null));
        assertOnlyProblem("targetUrl", problemsOf(p -> p.targetUrl = "  "));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/v1/orders",                           // relative
            "api.example.com/v1",                   // no scheme
            "ftp://files.example.com/in",           // not http(s)
            "file:///etc/passwd",
            "https:///v1",                          // no host
            "https://user:pw@api.example.com/v1",   // user info
            "https://api.example.com/v1?key=1",     // query
            "https://api.example.com/v1#frag",      // fragment
            "https://api.example.com/v 1"           // not a URL
    })
    void aBadTargetUrlIsNamed(String url) {
        assertOnlyProblem("targetUrl", problemsOf(p -> p.targetUrl = url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://api.example.com", "HTTPS://api.example.com:8443/base/", "http://10.0.0.1:8080/x"})
    void httpAndHttpsTargetUrlsAreFine(String url) {
        assertEquals(List.of(), problemsOf(p -> p.targetUrl = url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ASYNC", "push", ""})
    void aBadModeIsNamed(String mode) {
        assertOnlyProblem("mode", problemsOf(p -> p.mode = mode));
    }

    @Test
    void aMissingClientAuthIsNamed() {
        assertOnlyProblem("clientAuth", problemsOf(p -> p.clientAuth = null));
        assertOnlyProblem("clientAuth", problemsOf(p -> p.clientAuth.type = null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"oauth2", "Bearer", "mtls"})
    void anUnsupportedClientAuthTypeIsNamed(String type) {
        assertOnlyProblem("clientAuth.type", problemsOf(p -> p.clientAuth.type = type));
    }

    @Test
    void bearerWithoutTokensIsRefusedOnCreateButAllowedOnReplace() {
        ProxySpec p = fullProxy();
        p.clientAuth.tokens = null;
        assertOnlyProblem("clientAuth.tokens", problems(p, false));
        assertEquals(List.of(), problems(p, true));
    }

    @Test
    void shortLongOrNoTokensAreNamedEvenOnReplace() {
        for (List<String> tokens : List.of(List.<String>of(), List.of("short"), List.of("good-token-1", "1234567"),
                List.of("x".repeat(513)))) {
            ProxySpec p = fullProxy();
            p.clientAuth.tokens = tokens;
            assertOnlyProblem("clientAuth.tokens", problems(p, false));
            assertOnlyProblem("clientAuth.tokens", problems(p, true));
        }
    }

    @Test
    void tokensOfEightAndFiveHundredTwelveCharactersAreFine() {
        assertEquals(List.of(), problemsOf(p -> p.clientAuth.tokens = List.of("12345678", "y".repeat(512))));
    }

    @Test
    void apiKeyNeedsKeysAndAValidHeaderName() {
        ProxySpec p = fullProxy();
        p.clientAuth = new ProxySpec.ClientAuth();
        p.clientAuth.type = "api-key";
        p.clientAuth.header = "X-Api-Key";
        p.clientAuth.keys = List.of("api-key-000001");
        assertEquals(List.of(), problems(p, false));

        p.clientAuth.keys = null;
        assertOnlyProblem("clientAuth.keys", problems(p, false));
        assertEquals(List.of(), problems(p, true));

        p.clientAuth.keys = List.of("api-key-000001");
        p.clientAuth.header = "X Api Key";
        assertOnlyProblem("clientAuth.header", problems(p, false));
    }

    @Test
    void targetAuthProblemsAreNamed() {
        assertOnlyProblem("targetAuth.type", problemsOf(p -> p.targetAuth.type = "digest"));
        assertOnlyProblem("targetAuth", problemsOf(p -> p.targetAuth.token = null));
        assertOnlyProblem("targetAuth", problemsOf(p -> p.targetAuth.token = "abc\r\nX-Injected: 1"));
        assertOnlyProblem("targetAuth.name", problemsOf(p -> {
            p.targetAuth.type = "header";
            p.targetAuth.name = "X Key";
            p.targetAuth.value = "v";
        }));
    }

    @Test
    void targetAuthSecretsMayBeLeftOutOnReplace() {
        ProxySpec p = fullProxy();
        p.targetAuth.token = null;
        assertEquals(List.of(), problems(p, true));
    }

    @Test
    void negativeRetryNumbersAreNamed() {
        assertOnlyProblem("retry.maxRetries", problemsOf(p -> p.retry.maxRetries = -1));
        assertOnlyProblem("retry.initialDelayMs", problemsOf(p -> p.retry.initialDelayMs = -1L));
        assertOnlyProblem("retry.maxDelayMs", problemsOf(p -> p.retry.maxDelayMs = -1L));
        assertOnlyProblem("retry.windowSeconds", problemsOf(p -> p.retry.windowSeconds = 0L));
    }

    @Test
    void maxDelayBelowInitialDelayIsNamed() {
        assertOnlyProblem("retry.maxDelayMs", problemsOf(p -> {
            p.retry.initialDelayMs = 5000L;
            p.retry.maxDelayMs = 4999L;
        }));
        assertEquals(List.of(), problemsOf(p -> {
            p.retry.initialDelayMs = 5000L;
            p.retry.maxDelayMs = 5000L;
        }));
    }

    @Test
    void maxDelayIsComparedWithTheDefaultInitialDelay() {
        ProxySpec p = minimalProxy();
        p.retry = new ProxySpec.Retry();
        p.retry.maxDelayMs = 500L;
        assertOnlyProblem("retry.maxDelayMs", problems(p, false));
    }

    @Test
    void retryOnOutside100To599IsNamed() {
        assertOnlyProblem("retry.retryOn", problemsOf(p -> p.retry.retryOn = List.of(99)));
        assertOnlyProblem("retry.retryOn", problemsOf(p -> p.retry.retryOn = List.of(503, 600)));
        assertEquals(List.of(), problemsOf(p -> p.retry.retryOn = List.of(100, 599)));
        assertEquals(List.of(), problemsOf(p -> p.retry.retryOn = List.of()));
    }

    @Test
    void aNullStatusInRetryOnIsNamed() {
        assertOnlyProblem("retry.retryOn", problemsOf(p -> p.retry.retryOn = Arrays.asList(503, null)));
    }

    @Test
    void attemptTimeoutMustBeBetweenOneMillisecondAndTenMinutes() {
        assertOnlyProblem("retry.attemptTimeoutMs", problemsOf(p -> p.retry.attemptTimeoutMs = 0L));
        assertOnlyProblem("retry.attemptTimeoutMs", problemsOf(p -> p.retry.attemptTimeoutMs = 600_001L));
        assertEquals(List.of(), problemsOf(p -> p.retry.attemptTimeoutMs = 1L));
        assertEquals(List.of(), problemsOf(p -> p.retry.attemptTimeoutMs = 600_000L));
    }

    @Test
    void limitsAreNamed() {
        assertOnlyProblem("limits.maxConcurrency", problemsOf(p -> p.limits.maxConcurrency = 0));
        assertOnlyProblem("limits.forwardPerSecond", problemsOf(p -> p.limits.forwardPerSecond = 0.0));
        assertOnlyProblem("limits.intakePerSecond", problemsOf(p -> p.limits.intakePerSecond = -1.0));
        assertOnlyProblem("limits.maxBacklog", problemsOf(p -> p.limits.maxBacklog = 0L));
        assertOnlyProblem("limits.maxBodyBytes", problemsOf(p -> p.limits.maxBodyBytes = 100L * 1024 * 1024 + 1));
        assertOnlyProblem("limits.maxBodyBytes", problemsOf(p -> p.limits.maxBodyBytes = 0L));
    }

    @Test
    void syncWaitMustBeBetweenOneAnd25Seconds() {
        assertOnlyProblem("sync.waitSeconds", problemsOf(p -> p.sync.waitSeconds = 26));
        assertOnlyProblem("sync.waitSeconds", problemsOf(p -> p.sync.waitSeconds = 0));
        assertEquals(List.of(), problemsOf(p -> p.sync.waitSeconds = 1));
        assertOnlyProblem("sync.deadlineSeconds", problemsOf(p -> p.sync.deadlineSeconds = 0));
    }

    @Test
    void retentionMustBePositive() {
        assertOnlyProblem("retentionSeconds", problemsOf(p -> p.retentionSeconds = 0L));
    }

    /** Each numeric setting with its largest value and the next one up (issue 11.2; numbers as documented). */
    static Stream<Arguments> maxima() {
        return Stream.of(
                bound("retry.maxRetries", p -> p.retry.maxRetries = 1000, p -> p.retry.maxRetries = 1001),
                bound("retry.windowSeconds", p -> p.retry.windowSeconds = 2_592_000L, p -> p.retry.windowSeconds = 2_592_001L),
                bound("retry.initialDelayMs", p -> {
                    p.retry.initialDelayMs = 86_400_000L;
                    p.retry.maxDelayMs = 86_400_000L;
                }, p -> {
                    p.retry.initialDelayMs = 86_400_001L;
                    p.retry.maxDelayMs = 86_400_000L;
                }),
                bound("retry.maxDelayMs", p -> p.retry.maxDelayMs = 86_400_000L, p -> p.retry.maxDelayMs = 86_400_001L),
                bound("retry.attemptTimeoutMs", p -> p.retry.attemptTimeoutMs = 600_000L, p -> p.retry.attemptTimeoutMs = 600_001L),
                bound("limits.maxConcurrency", p -> p.limits.maxConcurrency = 10_000, p -> p.limits.maxConcurrency = 10_001),
                bound("limits.forwardPerSecond", p -> p.limits.forwardPerSecond = 1_000_000.0,
                        p -> p.limits.forwardPerSecond = 1_000_000.5),
                bound("limits.intakePerSecond", p -> p.limits.intakePerSecond = 1_000_000.0,
                        p -> p.limits.intakePerSecond = 1_000_001.0),
                bound("limits.maxBacklog", p -> p.limits.maxBacklog = 1_000_000_000L, p -> p.limits.maxBacklog = 1_000_000_001L),
                bound("limits.maxBodyBytes", p -> p.limits.maxBodyBytes = 104_857_600L, p -> p.limits.maxBodyBytes = 104_857_601L),
                bound("sync.waitSeconds", p -> p.sync.waitSeconds = 25, p -> p.sync.waitSeconds = 26),
                bound("sync.deadlineSeconds", p -> p.sync.deadlineSeconds = 3_600, p -> p.sync.deadlineSeconds = 3_601),
                bound("retentionSeconds", p -> p.retentionSeconds = 31_536_000L, p -> p.retentionSeconds = 31_536_001L));
    }

    private static Arguments bound(String field, Consumer<ProxySpec> atMaximum, Consumer<ProxySpec> aboveMaximum) {
        return Arguments.of(field, atMaximum, aboveMaximum);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maxima")
    void eachNumericSettingAcceptsItsMaximum(String field, Consumer<ProxySpec> atMaximum, Consumer<ProxySpec> aboveMaximum) {
        assertEquals(List.of(), problemsOf(atMaximum), field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maxima")
    void eachNumericSettingRefusesMoreThanItsMaximum(String field, Consumer<ProxySpec> atMaximum,
                                                     Consumer<ProxySpec> aboveMaximum) {
        List<String> problems = problemsOf(aboveMaximum);
        assertTrue(problems.stream().anyMatch(problem -> problem.startsWith(field + ":")), field + " " + problems);
    }

    @Test
    void valuesThatWouldOverflowInstantArithmeticAreRefused() {
        assertOnlyProblem("retentionSeconds", problemsOf(p -> p.retentionSeconds = Long.MAX_VALUE));
        assertOnlyProblem("retry.windowSeconds", problemsOf(p -> p.retry.windowSeconds = Long.MAX_VALUE));
        assertOnlyProblem("retry.maxDelayMs", problemsOf(p -> p.retry.maxDelayMs = Long.MAX_VALUE));
        assertOnlyProblem("retry.maxRetries", problemsOf(p -> p.retry.maxRetries = Integer.MAX_VALUE));
        assertOnlyProblem("sync.deadlineSeconds", problemsOf(p -> p.sync.deadlineSeconds = Integer.MAX_VALUE));
        assertOnlyProblem("limits.maxBacklog", problemsOf(p -> p.limits.maxBacklog = Long.MAX_VALUE));
        assertOnlyProblem("limits.forwardPerSecond", problemsOf(p -> p.limits.forwardPerSecond = Double.MAX_VALUE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a url", "/hooks/ferry", "ftp://hooks.example.com/x", "mailto:ops@example.com", "https:///x"})
    void aBadCallbackUrlIsNamed(String url) {
        assertOnlyProblem("callback.url", problemsOf(p -> p.callback.url = url));
    }

    @Test
    void aCallbackNeedsAWhsecSecretOfTwentyFourToSixtyFourBytes() {
        assertOnlyProblem("callback.secret", problemsOf(p -> p.callback.secret = null));
        assertOnlyProblem("callback.secret", problemsOf(p -> p.callback.secret = "whsec_x"));
        assertOnlyProblem("callback.secret", problemsOf(p -> p.callback.secret = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        assertOnlyProblem("callback.secret", problemsOf(p -> p.callback.secret = "whsec_" + "A".repeat(88))); // 66 bytes
        assertOnlyProblem("callback.nextSecret", problemsOf(p -> p.callback.nextSecret = "whsec_short"));
        assertEquals(List.of(), problemsOf(p -> p.callback.nextSecret = "whsec_" + "A".repeat(64))); // 48 bytes
    }

    @Test
    void aReplacementMayKeepTheStoredCallbackSecret() {
        ProxySpec p = minimalProxy();
        p.callback = new ProxySpec.Callback();
        p.callback.url = "https://hooks.example.com/ferry";
        assertEquals(List.of(), problems(p, true));
        assertOnlyProblem("callback.secret", problems(p, false));
    }

    @Test
    void aCallbackWithoutUrlIsNamed() {
        assertOnlyProblem("callback.url", problemsOf(p -> p.callback.url = null));
    }

    @Test
    void everyBadFieldIsNamed() {
        ProxySpec p = new ProxySpec();
        p.id = "Bad Id";
        p.mode = "push";
        p.retry = new ProxySpec.Retry();
        p.retry.attemptTimeoutMs = 0L;
        p.sync = new ProxySpec.Sync();
        p.sync.waitSeconds = 26;
        List<String> problems = problems(p, false);
        List<String> fields = new ArrayList<>();
        for (String problem : problems) {
            fields.add(problem.substring(0, problem.indexOf(':')));
        }
        assertEquals(List.of("id", "targetUrl", "mode", "clientAuth", "retry.attemptTimeoutMs", "sync.waitSeconds"),
                fields);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"https://api.example.com//v1", "https://api.example.com/./v1",
            "https://api.example.com/v1/../v2", "https://api.example.com/v1/.", "https://api.example.com/a//b/",
            "https://api.example.com/%2e%2e/v1", "https://api.example.com/a%2Fb", "https://api.example.com/..;x/v1"})
    void aTargetUrlWhosePathIsNotCanonicalIsRefused(String url) {
        ProxySpec p = minimalProxy();
        p.targetUrl = url;
        assertOnlyProblem("targetUrl", problems(p, false));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"https://api.example.com", "https://api.example.com/",
            "https://api.example.com/v1", "https://api.example.com/v1/", "https://api.example.com/a.b/c..d/v1.2"})
    void aCanonicalTargetUrlIsAccepted(String url) {
        ProxySpec p = minimalProxy();
        p.targetUrl = url;
        assertEquals(List.of(), problems(p, false));
    }

    /**
     * As the admin API checks: {@code existing}, a replacement keeping the stored kinds of both
     * credentials and a stored callback secret.
     */
    private static List<String> problems(ProxySpec spec, boolean existing) {
        return ProxyValidator.problems(spec, existing && spec.clientAuth != null ? spec.clientAuth.type : null,
                existing && spec.targetAuth != null ? spec.targetAuth.type : null, existing);
    }
}
