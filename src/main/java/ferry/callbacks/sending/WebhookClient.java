package ferry.callbacks.sending;

import ferry.platform.concurrent.Deadlines;
import ferry.platform.control.HttpUrls;
import ferry.platform.control.RetryAfter;
import ferry.platform.security.EgressGuard;
import ferry.platform.security.EgressRefused;
import ferry.platform.security.GuardedDnsResolver;
import ferry.platform.security.GuardedHttpClients;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs one webhook attempt, on a connection pool of its own (a slow receiver never holds a
 * connection that forwarding needs). Like forwarding: connections only to addresses the egress
 * guard allows, no redirects followed (a 3xx is an answer, and not a 2xx), no automatic retries,
 * and the whole exchange bounded by the attempt's time-out. The receiver's body is not kept.
 */
@ApplicationScoped
public class WebhookClient {

    /** How much of a receiver's answer is read (and dropped) so that its connection can be reused. */
    private static final int DRAIN_BYTES = 64 * 1024;

    /**
     * How an attempt went.
     *
     * @param status     the receiver's status, or null if it did not answer
     * @param retryAfter its {@code Retry-After}, or null
     * @param error      why it did not answer, or null
     */
    public record Answer(Integer status, Duration retryAfter, String error, Instant startedAt, long durationMs) {
    }

    @Inject
    EgressGuard egress;

    @Inject
    Deadlines deadlines;

    private GuardedDnsResolver resolver;
    private CloseableHttpClient client;
    private final Clock clock = Clock.systemUTC();

    @PostConstruct
    void open() {
        resolver = new GuardedDnsResolver(egress);
        client = GuardedHttpClients.create(resolver, 256, 32);
    }

    @PreDestroy
    void close() {
        client.close(CloseMode.IMMEDIATE);
    }

    public Answer post(URI url, Map<String, String> headers, byte[] body, Duration timeout) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        HttpPost post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        Timeout limit = Timeout.ofMilliseconds(timeout.toMillis());
        post.setConfig(RequestConfig.custom().setResponseTimeout(limit).setConnectionRequestTimeout(limit).build());
        ScheduledFuture<?> deadline = deadlines.after(timeout, post::cancel);
        resolver.connecting(EgressGuard.port(url));
        try (ClassicHttpResponse response = client.executeOpen(null, post, null)) {
            resolver.done();
            drain(response);
            Header retryAfter = response.getFirstHeader("Retry-After");
            return new Answer(response.getCode(),
                    retryAfter == null ? null : RetryAfter.parse(retryAfter.getValue(), clock.instant()),
                    null, started, elapsedMs(t0));
        } catch (IOException e) {
            boolean timedOut = post.isCancelled() || elapsedMs(t0) >= timeout.toMillis();
            return new Answer(null, null, describe(e, timedOut, timeout, url), started, elapsedMs(t0));
        } finally {
            resolver.done();
            deadline.cancel(false);
        }
    }

    private static void drain(ClassicHttpResponse response) throws IOException {
        if (response.getEntity() == null) {
            return;
        }
        try (InputStream in = response.getEntity().getContent()) {
            if (in != null) {
                in.readNBytes(DRAIN_BYTES);
            }
        }
    }

    /** What went wrong, without the URL's query string (it may carry the receiver's token). */
    static String describe(IOException e, boolean timedOut, Duration timeout, URI url) {
        if (e instanceof EgressRefused) {
            return "egress refused: the callback URL resolves only to private addresses";
        }
        if (timedOut) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        return HttpUrls.describeWithoutQuery(e, url);
    }

    private static long elapsedMs(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
