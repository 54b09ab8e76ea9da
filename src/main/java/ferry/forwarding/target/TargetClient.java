package ferry.forwarding.target;

import ferry.platform.control.ForwardingCapacity;
import ferry.platform.control.HttpUrls;
import ferry.platform.security.EgressGuard;
import ferry.platform.security.GuardedDnsResolver;
import ferry.platform.security.GuardedHttpClients;
import ferry.requests.bodies.BodyKind;
import ferry.requests.bodies.Bodies;
import ferry.platform.security.EgressRefused;
import jakarta.inject.Inject;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import ferry.platform.concurrent.Deadlines;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.util.Timeout;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends one attempt to a target with Apache HttpClient 5 ({@link GuardedHttpClients}: pooled
 * connections through the egress guard, no redirects, no automatic retries, no decompression). The attempt
 * is bounded by the proxy's {@code attemptTimeoutMs}: a deadline aborts the exchange, whatever
 * phase it is in. MicroProfile {@code @Timeout} does not fit: its value is one per method while
 * attempt timeouts are per proxy, and Payara implements it by scheduling a task on a managed
 * executor for every call, whose context capture cost a tenth of the forwarders' time in the
 * issue 6 profile for a cap that the deadline here always reaches first.
 */
@ApplicationScoped
public class TargetClient {

    /** Responses above this size are cut (and marked) rather than held in memory. */
    static final int MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

    @Inject
    Deadlines deadlines;

    @Inject
    EgressGuard egress;

    @Inject
    Bodies bodies;

    /** Bytes of answers held in memory at once, read but not yet recorded ({@link ResponseBudget}). */
    @Inject
    @ConfigProperty(name = "ferry.forwarding.response-bytes-in-memory", defaultValue = "134217728")
    long responseBytes;

    private ResponseBudget responseBudget;

    /** The forwarding pipeline's bound: no more attempts are ever in flight on this node. */
    @Inject
    ForwardingCapacity capacity;

    private GuardedDnsResolver resolver;
    private CloseableHttpClient client;
    private final Clock clock = Clock.systemUTC();

    @PostConstruct
    void open() {
        responseBudget = new ResponseBudget(responseBytes);
        resolver = new GuardedDnsResolver(egress);
        // As many connections per target as attempts may be in flight: an attempt never waits
        // for a pooled connection, so its clock (attemptTimeoutMs) only runs while it is being
        // sent. With fewer, attempts timed out waiting for a connection and burned their retries
        // without ever reaching the target.
        client = GuardedHttpClients.create(resolver, capacity.inFlight(), capacity.inFlight());
    }

    @PreDestroy
    void close() {
        client.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
    }

    public AttemptResult send(OutboundRequest request) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        HttpUriRequestBase http = new HttpUriRequestBase(request.method(), request.url());
        request.headers().forEach((name, values) -> values.forEach(value -> http.addHeader(name, value)));
        if (request.bodyLength() != null) {
            // Streamed a chunk at a time from the database: an attempt holds no whole body.
            http.setEntity(new InputStreamEntity(bodies.open(request.requestId(), BodyKind.REQUEST),
                    request.bodyLength(), null));
        }
        Timeout timeout = Timeout.ofMilliseconds(request.timeoutMs());
        http.setConfig(RequestConfig.custom().setResponseTimeout(timeout).setConnectionRequestTimeout(timeout).build());
        ScheduledFuture<?> deadline = deadlines.after(java.time.Duration.ofMillis(request.timeoutMs()), http::cancel);
        resolver.connecting(EgressGuard.port(request.url()));
        ClassicHttpResponse response;
        try {
            response = client.executeOpen(null, http, null);
        } catch (IOException e) {
            boolean deadlinePassed = http.isCancelled() || elapsedMs(t0) >= request.timeoutMs();
            resolver.done();
            deadline.cancel(false);
            return new AttemptResult(classify(e, deadlinePassed), 0, null, null, HttpUrls.describeWithoutQuery(e, request.url()),
                    started, elapsedMs(t0));
        }
        resolver.done();
        try {
            Map<String, List<String>> headers = ResponseHeaders.kept(response.getHeaders());
            ResponseBudget.Hold hold = responseBudget.hold();
            Body body = read(response.getEntity(), hold, t0 + request.timeoutMs() * 1_000_000L);
            if (body.truncated()) {
                // The answer is recorded as it is: the rest is neither read (a huge or endless 2xx
                // would become a time-out, and a POST be sent again) nor drained for the connection.
                http.cancel();
                headers.put("ferry-response-truncated", List.of("true"));
            }
            return new AttemptResult(AttemptResult.RESPONSE, response.getCode(), headers, body.bytes(), null,
                    started, elapsedMs(t0)).holding(hold);
        } catch (IOException e) {
            boolean deadlinePassed = http.isCancelled() || elapsedMs(t0) >= request.timeoutMs();
            return new AttemptResult(classify(e, deadlinePassed), 0, null, null, HttpUrls.describeWithoutQuery(e, request.url()),
                    started, elapsedMs(t0));
        } finally {
            deadline.cancel(false);
            closeQuietly(response);
        }
    }

    /** A body read up to {@link #MAX_RESPONSE_BYTES}; {@code truncated} if there was more. */
    record Body(byte[] bytes, boolean truncated) {
    }

    /**
     * Reads the answer's body, holding room in the {@link ResponseBudget} for every byte before
     * it is read (released by {@link #done} once the answer is recorded, or here if reading fails).
     */
    static Body read(HttpEntity entity, ResponseBudget.Hold hold, long deadlineNanos) throws IOException {
        if (entity == null) {
            return new Body(null, false);
        }
        InputStream in = entity.getContent();
        if (in == null) {
            return new Body(null, false);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int n; ; ) {
                hold.cover(Math.min(MAX_RESPONSE_BYTES, out.size() + buffer.length), deadlineNanos);
                if ((n = in.read(buffer)) <= 0) {
                    break;
                }
                if (out.size() + n > MAX_RESPONSE_BYTES) {
                    out.write(buffer, 0, MAX_RESPONSE_BYTES - out.size());
                    return new Body(out.toByteArray(), true);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            hold.release();
            throw e;
        }
        return new Body(out.toByteArray(), false);
    }

    /** The attempt's answer is recorded (or given up): the room its body held is free again. */
    public void done(AttemptResult result) {
        ResponseBudget.Hold hold = result.budgetHold() instanceof ResponseBudget.Hold h ? h : null;
        if (hold != null) {
            hold.release();
        }
    }

    /** After an abort, closing fails on the cut connection: nothing is left to tell the caller. */
    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException | RuntimeException e) {
            // the connection was cut (a truncated answer) or is gone; it is not reused either way
        }
    }

    static String classify(IOException e, boolean deadlinePassed) {
        if (e instanceof EgressRefused) {
            return AttemptResult.EGRESS_REFUSED;
        }
        if (e instanceof UnknownHostException) {
            return AttemptResult.DNS_ERROR;
        }
        if (e instanceof SSLException) {
            return AttemptResult.TLS_ERROR;
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException || e instanceof ConnectTimeoutException) {
            return AttemptResult.CONNECT_ERROR;
        }
        if (deadlinePassed || e instanceof InterruptedIOException) {
            return AttemptResult.TIMEOUT;
        }
        return AttemptResult.CONNECT_ERROR;
    }

    private static long elapsedMs(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
