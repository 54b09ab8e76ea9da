package ferry.intake.control;

import ferry.platform.control.Json;
import ferry.platform.problems.Problem;
import ferry.platform.tracing.Tracing;
import ferry.platform.security.EgressGuard;
import ferry.proxies.auth.ClientAuthenticator;
import ferry.proxies.auth.ClientCredential;
import ferry.proxies.auth.CredentialHasher;
import ferry.proxies.control.ProxyDirectory;
import ferry.proxies.control.ProxySettings;
import ferry.proxies.entity.EntryPoint;
import ferry.proxies.entity.Proxy;
import ferry.requests.control.Backlogs;
import ferry.requests.entity.ForwardRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Admits a client's request (CONTRACT.md §3): finds the proxy, checks the entry point, the
 * credential, the rate limit, the path, the headers and the body size, then hands the request
 * to the {@link GroupCommit}. Every refusal is a {@link Problem} (the entry points add its
 * {@code Ferry-Proxy-Code}); nothing is stored unless everything passed.
 */
@ApplicationScoped
public class Admission {

    @Inject
    Tracing tracing;

    @Inject
    ProxyDirectory proxies;

    @Inject
    ClientAuthenticator authenticator;

    @Inject
    GroupCommit commits;

    @Inject
    RateLimiter limiter;

    @Inject
    CredentialHasher hasher;

    @Inject
    BodyBudget budget;

    @Inject
    IdempotencyLedger ledger;

    @Inject
    EgressGuard egress;

    @Inject
    Backlogs backlogs;

    Clock clock = Clock.systemUTC();

    /**
     * Checks the submission (throwing a {@link Problem} at once if it is refused) and queues it
     * for the next group commit.
     *
     * @return completes with the acceptance once the request is durable; exceptionally (a 503
     *         {@link Problem}) if its group could not be stored
     */
    public CompletableFuture<Accepted> admit(Submission s) {
        Proxy proxy = proxyServing(s);
        Optional<ClientCredential> credential = authenticator.authenticate(proxy, s::header);
        ProxySettings settings = proxies.settings(proxy);
        limiter.acquire(proxy.getId() + "|" + credential.map(c -> hasher.hash(c.identity())).orElse("anonymous"),
                settings.limits().intakePerSecond());
        return store(s, proxy, settings, credential.map(ClientCredential::header).orElse(null), null);
    }

    /**
     * Admits a JMS submission (CONTRACT.md §9) like an HTTP one, but for who sent it: the broker
     * authenticated its sender, whose broker user the rate limit counts. Without an idempotency
     * key, its message id is its key, so that a message delivered again is stored once.
     */
    public CompletableFuture<Accepted> admitMessage(Submission s, MessageOrigin origin) {
        Proxy proxy = proxyServing(s);
        ProxySettings settings = proxies.settings(proxy);
        limiter.acquire(proxy.getId() + "|jms|" + hasher.hash(String.valueOf(origin.brokerUser())),
                settings.limits().intakePerSecond());
        return store(s, proxy, settings, null, origin);
    }

    private Proxy proxyServing(Submission s) {
        // The id is checked before it is looked up or echoed (it arrives percent-decoded).
        Proxy proxy = (Proxy.isValidId(s.proxyId()) ? proxies.find(s.proxyId()) : Optional.<Proxy>empty())
                .orElseThrow(() -> Problem.notFound("proxy-not-found", "No proxy with this id."));
        if (!proxy.serves(s.entry())) {
            throw Problem.notFound("mode-not-enabled", "Proxy " + proxy.getId() + " does not serve /"
                    + s.entry().path() + "/.");
        }
        return proxy;
    }

    /** @param origin a JMS submission's origin, or null for one over HTTP */
    private CompletableFuture<Accepted> store(Submission s, Proxy proxy, ProxySettings settings, String credentialHeader,
                                              MessageOrigin origin) {
        long maxBacklog = settings.limits().maxBacklog();
        if (backlogs.unfinished(proxy.getId()) >= maxBacklog) {
            throw Problem.unavailable("The proxy holds its limits.maxBacklog (" + maxBacklog
                    + ") of unfinished requests; nothing was accepted. Try again later.");
        }
        StoredSizes.checkUri(s.rawPath(), s.rawQuery());
        RequestPath.problem(s.rawPath()).ifPresent(why -> {
            throw Problem.badRequest("Refused path: " + why + ".");
        });
        String headers = Json.write(StoredHeaders.of(s.headers(), credentialHeader));
        Instant now = clock.instant();
        Instant notBefore = NotBefore.of(s.header("Ferry-Delay"), s.header("Ferry-Not-Before"), now);
        Integer maxRetries = retriesOverride(s.header("Ferry-Retries"), settings.retry().maxRetries());
        String callbackUrl = CallbackUrl.of(s.header("Ferry-Callback-Url"), settings.callback()).orElse(null);
        if (callbackUrl != null) {
            // The guard's own words are for operators (which address, which setting allows it).
            egress.problem(callbackUrl).ifPresent(why -> {
                throw Problem.badRequest("Ferry-Callback-Url refused: its host is, or resolves to, a private,"
                        + " loopback or link-local address.");
            });
        }
        BodyBudget.Hold hold = budget.hold(); // released once the group has committed, or failed
        try {
            return storeHeld(s, proxy, settings, headers, now, notBefore, maxRetries, callbackUrl, origin, hold);
        } catch (RuntimeException e) {
            hold.release();
            throw e;
        }
    }

    private CompletableFuture<Accepted> storeHeld(Submission s, Proxy proxy, ProxySettings settings, String headers,
                                                  Instant now, Instant notBefore, Integer maxRetries,
                                                  String callbackUrl, MessageOrigin origin, BodyBudget.Hold hold) {
        byte[] body = readBody(s, settings.limits().maxBodyBytes(), hold);

        String id = UUID.randomUUID().toString();
        String sentKey = s.header("Idempotency-Key");
        Optional<String> key = IdempotencyKeys.parse(sentKey);
        ForwardRequest request = new ForwardRequest(id, proxy.getId(), s.entry(), s.method(), s.rawPath(),
                s.rawQuery(), headers, body, key.isPresent() ? sentKey.trim() : id, notBefore, now);
        request.setMaxRetries(maxRetries);
        request.setCallbackUrl(callbackUrl);
        request.traceIn(tracing.current()); // intake's span, when tracing is on
        if (origin != null) {
            request.submittedOverJms();
        }
        if (origin != null && origin.replyTo() != null) {
            request.replyTo(origin.replyTo(), origin.correlationId());
        }
        if (s.entry() == EntryPoint.SYNC) {
            // Sync callers give up after a bounded time (seed 003: 3 minutes); so does the request.
            request.setDeadline(now.plusSeconds(settings.sync().deadlineSeconds()));
        }
        int syncWait = settings.sync().waitSeconds();
        String scope = key.map(k -> IdempotencyKeys.scope(proxy.getId(), k))
                .orElse(origin == null ? null : IdempotencyKeys.messageScope(proxy.getId(), origin.messageId()));
        if (scope == null) {
            Accepted accepted = new Accepted(id, proxy.getId(), syncWait, false);
            return commits.submit(request, Duration.between(now, notBefore), proxy.isPaused()).handle((stored, failure) -> {
                hold.release();
                if (failure != null) {
                    // Database or broker refused: the group rolled back, so nothing was accepted.
                    throw Problem.unavailable("Storage is unavailable; nothing was accepted. Try again.");
                }
                backlogs.added(proxy.getId());
                return accepted;
            });
        }
        String fingerprint = IdempotencyKeys.fingerprint(s.method(), s.rawPath(), s.rawQuery(), body);
        Optional<IdempotencyLedger.Original> original = ledger.replayOf(scope, fingerprint);
        if (original.isPresent()) {
            hold.release();
            return CompletableFuture.completedFuture(new Accepted(original.get().requestId(), proxy.getId(), syncWait, true));
        }
        ledger.reserve(scope);
        request.claimIdempotencyKey(scope, fingerprint);
        CompletableFuture<Void> stored;
        try {
            stored = commits.submit(request, Duration.between(now, notBefore), proxy.isPaused());
        } catch (RuntimeException e) {
            ledger.release(scope);
            throw e;
        }
        return stored.handle((done, failure) -> {
            ledger.release(scope);
            hold.release();
            if (failure == null) {
                backlogs.added(proxy.getId());
                return new Accepted(id, proxy.getId(), syncWait, false);
            }
            // Another node (or an earlier group) stored the key first: the constraint refused this
            // one. That request is the answer, if it was the same one.
            return ledger.replayOf(scope, fingerprint)
                    .map(first -> new Accepted(first.requestId(), proxy.getId(), syncWait, true))
                    .orElseThrow(() -> Problem.unavailable("Storage is unavailable; nothing was accepted. Try again."));
        });
    }

    /** {@code Ferry-Retries} may lower the proxy's maxRetries, never raise it. */
    static Integer retriesOverride(String header, int proxyMax) {
        if (header == null) {
            return null;
        }
        try {
            int asked = Integer.parseInt(header.trim());
            if (asked < 0) {
                throw new NumberFormatException();
            }
            return Math.min(asked, proxyMax);
        } catch (NumberFormatException e) {
            throw Problem.badRequest("Ferry-Retries must be a non-negative integer.");
        }
    }

    /** Reads the body, holding budget for every byte before it is read (the declared length first). */
    static byte[] readBody(Submission s, long limit, BodyBudget.Hold hold) {
        if (s.contentLength() > limit) {
            throw tooLarge(limit);
        }
        if (s.body() == null) {
            return null;
        }
        hold.cover(Math.max(0, s.contentLength()));
        try (InputStream in = s.body()) {
            if (s.contentLength() >= 0) {
                // The declared length: read into an array of exactly that size (no growing buffer,
                // no copy at the end: a 10 MiB body costs 10 MiB of heap, not 30).
                byte[] body = new byte[(int) s.contentLength()];
                if (in.readNBytes(body, 0, body.length) < body.length || in.read() >= 0) {
                    throw Problem.badRequest("The request body does not match its Content-Length.");
                }
                return body.length == 0 ? null : body;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > limit) {
                    throw tooLarge(limit);
                }
                hold.cover(total * 2); // the buffer's copy at the end counts too
                out.write(buffer, 0, n);
            }
            return total == 0 ? null : out.toByteArray();
        } catch (IOException e) {
            throw Problem.badRequest("The request body could not be read.");
        }
    }

    private static Problem tooLarge(long limit) {
        return new Problem(413, "payload-too-large", "Payload too large",
                "The body exceeds this proxy's limit of " + limit + " bytes.");
    }
}
