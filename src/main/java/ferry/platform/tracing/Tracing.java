package ferry.platform.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.URI;

/**
 * Ferry's spans. The server's MicroProfile Telemetry makes the intake span (its JAX-RS server
 * span, a child of the client's {@code traceparent}); {@link #current} stores it with the
 * request. Each attempt, however much later and on whatever node, is a client span child of
 * that stored context, and the {@code traceparent} sent to the target is the attempt span's.
 * With telemetry off (the default) the tracer is a no-op: nothing is stored, no span recorded.
 */
@ApplicationScoped
public class Tracing {

    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> ERROR = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("ferry.request_id");
    static final AttributeKey<String> PROXY_ID = AttributeKey.stringKey("ferry.proxy_id");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("ferry.attempt");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("ferry.outcome");
    static final AttributeKey<String> WEBHOOK_ID = AttributeKey.stringKey("ferry.webhook_id");
    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> MESSAGING_DESTINATION = AttributeKey.stringKey("messaging.destination.name");

    /** The server's tracer (MicroProfile Telemetry); unsatisfied on a server without it. */
    @Inject
    Instance<Tracer> tracers;

    /**
     * The span in effect on this thread (intake's server span), as a {@code traceparent}; null if
     * none is being recorded: with telemetry off, or for a trace the sampler left out.
     */
    public String current() {
        Span span = Span.current();
        return span.isRecording() ? TraceContext.format(span.getSpanContext()) : null;
    }

    /**
     * A JMS submission's intake span (a consumer span, child of the message's own
     * {@code traceparent} property if it has one), made current until the returned scope is
     * closed, so that {@link #current} finds it as it finds the HTTP server span.
     */
    public Received received(String destination, String messageTraceParent) {
        if (tracers.isUnsatisfied()) {
            return Received.NONE;
        }
        SpanContext parent = TraceContext.parse(messageTraceParent);
        Span span = tracers.get().spanBuilder(destination + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(parent.isValid() ? Context.root().with(Span.wrap(parent)) : Context.root())
                .setAttribute(MESSAGING_SYSTEM, "activemq")
                .setAttribute(MESSAGING_DESTINATION, destination)
                .startSpan();
        return span.isRecording() ? new Received(span, span.makeCurrent()) : Received.NONE;
    }

    /** A submission's intake span over JMS, current until closed. */
    public static final class Received implements AutoCloseable {

        static final Received NONE = new Received(null, null);

        private final Span span;
        private final io.opentelemetry.context.Scope scope;

        private Received(Span span, io.opentelemetry.context.Scope scope) {
            this.span = span;
            this.scope = scope;
        }

        /** The submission was refused: the span says so. */
        public void refused(String problemCode) {
            if (span != null) {
                span.setAttribute(ERROR, problemCode);
                span.setStatus(StatusCode.ERROR);
            }
        }

        @Override
        public void close() {
            if (span != null) {
                scope.close();
                span.end();
            }
        }
    }

    /**
     * Starts a webhook attempt's span (a client span child of the request's stored context, as
     * its forwarding attempts are); none if the request was not traced.
     */
    public AttemptSpan webhook(String parent, URI url, String deliveryId, String proxyId, int attempt) {
        return client(parent, "POST webhook", "POST", url, Attributes.of(WEBHOOK_ID, deliveryId, PROXY_ID, proxyId,
                ATTEMPT, (long) attempt));
    }

    /**
     * Starts an attempt's span, child of the stored intake context (none: the attempt is not
     * traced, and what is sent is decided as without tracing).
     */
    public AttemptSpan attempt(String parent, String method, URI url, String requestId, String proxyId, int attempt) {
        return client(parent, method, method, url, Attributes.of(REQUEST_ID, requestId, PROXY_ID, proxyId,
                ATTEMPT, (long) attempt));
    }

    /** A client span to {@code url}, child of the stored context {@code parent}; none without one. */
    private AttemptSpan client(String parent, String name, String method, URI url, Attributes own) {
        SpanContext stored = TraceContext.parse(parent);
        if (!stored.isValid() || tracers.isUnsatisfied()) {
            return AttemptSpan.NONE;
        }
        Span span = tracers.get().spanBuilder(name)
                .setSpanKind(SpanKind.CLIENT)
                .setParent(Context.root().with(Span.wrap(stored)))
                .setAllAttributes(Attributes.builder()
                        .put(METHOD, method)
                        .put(ADDRESS, url.getHost())
                        .put(PORT, (long) port(url))
                        .putAll(own)
                        .build())
                .startSpan();
        return new AttemptSpan(span);
    }

    private static int port(URI url) {
        return url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    /** One attempt's span: its {@code traceparent} for the target, and its end. */
    public static final class AttemptSpan {

        static final AttemptSpan NONE = new AttemptSpan(null);

        private final Span span;

        private AttemptSpan(Span span) {
            this.span = span;
        }

        /** What to send as {@code traceparent}; null to send what was decided without tracing. */
        public String traceParent() {
            return span == null ? null : TraceContext.format(span.getSpanContext());
        }

        /**
         * @param outcome the attempt's outcome ({@code response}, {@code timeout}, ...; null: not sent)
         * @param status  the target's status, or 0 without an answer
         */
        public void end(String outcome, int status) {
            if (span == null) {
                return;
            }
            span.setAttribute(OUTCOME, outcome == null ? "not-sent" : outcome);
            if (status > 0) {
                span.setAttribute(STATUS, (long) status);
            }
            if (status >= 400 || (outcome != null && status == 0)) {
                span.setAttribute(ERROR, status > 0 ? Integer.toString(status) : outcome);
                span.setStatus(StatusCode.ERROR);
            } else if (outcome == null) {
                span.setStatus(StatusCode.ERROR, "not sent");
            }
            span.end();
        }
    }
}
