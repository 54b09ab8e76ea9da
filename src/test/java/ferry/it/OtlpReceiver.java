package ferry.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A small OTLP/HTTP trace receiver ({@code POST /v1/traces}, protobuf) in the test JVM, as a
 * collector would be: it decodes the spans it is sent, enough of the wire format for what the
 * tests check (ids, parent, name, kind, attributes, status). No OpenTelemetry code of its own,
 * so that it checks what goes over the wire rather than agreeing with the exporter.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** One received span; {@code status}: 0 unset, 1 ok, 2 error. */
    public record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, int kind,
                               Map<String, Object> attributes, int status) {
        public Object attribute(String key) {
            return attributes.get(key);
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    public OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/traces", exchange -> {
            try (exchange) {
                InputStream in = exchange.getRequestBody();
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    in = new GZIPInputStream(in);
                }
                byte[] body = in.readAllBytes();
                try {
                    spans.addAll(decodeRequest(body));
                } catch (RuntimeException e) {
                    e.printStackTrace(); // the exporter logs the 400; the test then times out waiting
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse
            }
        });
        server.start();
    }

    /**
     * A fresh random id of {@code bytes} bytes in hex (16: a trace, 8: a span): every test gets
     * its own trace, never a well-known example id that another test of the shared gateway sent.
     */
    public static String newId(int bytes) {
        byte[] id = new byte[bytes];
        new java.security.SecureRandom().nextBytes(id);
        id[0] |= 1; // never all zero
        return HexFormat.of().formatHex(id);
    }

    /** The base URL to give as {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    public List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    /**
     * The span's ancestors received so far, its parent first, up to the first one missing (the
     * client's or producer's own span, which only they export): lets a test await a whole chain,
     * whose spans arrive in separate exports.
     */
    public List<ReceivedSpan> ancestors(ReceivedSpan span) {
        List<ReceivedSpan> chain = new ArrayList<>();
        List<ReceivedSpan> trace = trace(span.traceId());
        String parent = span.parentSpanId();
        while (!parent.isEmpty()) {
            String id = parent;
            ReceivedSpan found = trace.stream().filter(s -> s.spanId().equals(id)).findFirst().orElse(null);
            if (found == null || chain.contains(found)) {
                break;
            }
            chain.add(found);
            parent = found.parentSpanId();
        }
        return chain;
    }

    /** Where the span's chain of received ancestors ends: the parent id of its topmost one ("" for a root). */
    public String rootParent(ReceivedSpan span) {
        List<ReceivedSpan> chain = ancestors(span);
        return chain.isEmpty() ? span.parentSpanId() : chain.get(chain.size() - 1).parentSpanId();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    static List<ReceivedSpan> decodeRequest(byte[] bytes) {
        List<ReceivedSpan> out = new ArrayList<>();
        Wire request = new Wire(bytes);
        while (request.more()) {
            int field = request.tag();
            if (field == 1) {
                Wire resourceSpans = request.message();
                // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
                while (resourceSpans.more()) {
                    if (resourceSpans.tag() == 2) {
                        Wire scopeSpans = resourceSpans.message();
                        // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
                        while (scopeSpans.more()) {
                            if (scopeSpans.tag() == 2) {
                                out.add(decodeSpan(scopeSpans.message()));
                            } else {
                                scopeSpans.skip();
                            }
                        }
                    } else {
                        resourceSpans.skip();
                    }
                }
            } else {
                request.skip();
            }
        }
        return out;
    }

    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5;
    //        SpanKind kind = 6; repeated KeyValue attributes = 9; Status status = 15; ... }
    private static ReceivedSpan decodeSpan(Wire span) {
        String traceId = "", spanId = "", parent = "", name = "";
        int kind = 0, status = 0;
        Map<String, Object> attributes = new LinkedHashMap<>();
        while (span.more()) {
            switch (span.tag()) {
                case 1 -> traceId = HexFormat.of().formatHex(span.bytes());
                case 2 -> spanId = HexFormat.of().formatHex(span.bytes());
                case 4 -> parent = HexFormat.of().formatHex(span.bytes());
                case 5 -> name = new String(span.bytes(), java.nio.charset.StandardCharsets.UTF_8);
                case 6 -> kind = (int) span.varint();
                case 9 -> {
                    Wire keyValue = span.message();
                    String key = null;
                    Object value = null;
                    while (keyValue.more()) {
                        int f = keyValue.tag();
                        if (f == 1) {
                            key = new String(keyValue.bytes(), java.nio.charset.StandardCharsets.UTF_8);
                        } else if (f == 2) {
                            value = anyValue(keyValue.message());
                        } else {
                            keyValue.skip();
                        }
                    }
                    attributes.put(key, value);
                }
                case 15 -> {
                    Wire s = span.message(); // Status { string message = 2; StatusCode code = 3; }
                    while (s.more()) {
                        if (s.tag() == 3) {
                            status = (int) s.varint();
                        } else {
                            s.skip();
                        }
                    }
                }
                default -> span.skip();
            }
        }
        return new ReceivedSpan(traceId, spanId, parent, name, kind, attributes, status);
    }

    // AnyValue { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; ... }
    private static Object anyValue(Wire value) {
        Object result = null;
        while (value.more()) {
            switch (value.tag()) {
                case 1 -> result = new String(value.bytes(), java.nio.charset.StandardCharsets.UTF_8);
                case 2 -> result = value.varint() != 0;
                case 3 -> result = value.varint();
                case 4 -> result = Double.longBitsToDouble(value.fixed64());
                default -> value.skip();
            }
        }
        return result;
    }

    /** Protocol Buffers' wire format, as much as OTLP traces need. */
    private static final class Wire {
        private final byte[] b;
        private int pos;
        private final int end;
        private int wireType;

        Wire(byte[] b) {
            this(b, 0, b.length);
        }

        private Wire(byte[] b, int from, int end) {
            this.b = b;
            this.pos = from;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        int tag() {
            long key = varint();
            wireType = (int) (key & 7);
            return (int) (key >>> 3);
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte x = b[pos++];
                result |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    return result;
                }
            }
            throw new IllegalStateException("malformed varint");
        }

        long fixed64() {
            long result = 0;
            for (int i = 0; i < 8; i++) {
                result |= (long) (b[pos++] & 0xff) << (8 * i);
            }
            return result;
        }

        byte[] bytes() {
            int length = (int) varint();
            byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + length);
            pos += length;
            return out;
        }

        Wire message() {
            int length = (int) varint();
            Wire inner = new Wire(b, pos, pos + length);
            pos += length;
            return inner;
        }

        void skip() {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> {
                    int length = (int) varint(); // read first: "pos += varint()" would add to pos as it was before
                    pos += length;
                }
                case 5 -> pos += 4;
                default -> throw new IllegalStateException("unsupported wire type " + wireType);
            }
        }
    }
}
