package ferry.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP origin in the test JVM (the JDK's HTTP server on 127.0.0.1): records every request
 * it receives and answers from a script per path (default 200 with a small JSON body).
 */
public final class StubOrigin implements AutoCloseable {

    /** A request as the origin received it (header names lower-case). */
    public record Received(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }
    }

    /**
     * A scripted answer.
     *
     * @param stallAfter if positive, a megabyte more is announced than the body holds, and after
     *                   the body the origin stalls this long before it hangs up (an endless answer)
     */
    public record Answer(int status, Map<String, String> headers, byte[] body, Duration delay, Duration stallAfter) {
        public Answer(int status, Map<String, String> headers, byte[] body, Duration delay) {
            this(status, headers, body, delay, Duration.ZERO);
        }

        public static Answer of(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "application/json"), body.getBytes(), Duration.ZERO);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<Answer>> scripts = new ConcurrentHashMap<>();

    public StubOrigin() {
        this(8);
    }

    /** @param threads how many requests it serves at once (and twice that many connections wait) */
    public StubOrigin(int threads) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", Gateway.originPort()), Math.max(64, threads * 2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the next requests to {@code path} (no query) with these, in order, then the default. */
    public void script(String path, Answer... answers) {
        scripts.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).addAll(List.of(answers));
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedAt(String path) {
        List<Received> matching = new ArrayList<>();
        for (Received r : received) {
            if (r.pathAndQuery().equals(path) || r.pathAndQuery().startsWith(path + "?")) {
                matching.add(r);
            }
        }
        return matching;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            received.add(new Received(exchange.getRequestMethod(), query == null ? path : path + "?" + query, headers, body));
            Queue<Answer> script = scripts.get(path);
            Answer answer = script == null ? null : script.poll();
            if (answer == null) {
                answer = Answer.of(200, "{\"ok\":true}");
            }
            if (!answer.delay().isZero()) {
                Gateway.pause(answer.delay().toMillis());
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] out = answer.body() == null ? new byte[0] : answer.body();
            if (!answer.stallAfter().isZero()) {
                exchange.sendResponseHeaders(answer.status(), out.length + 1024 * 1024);
                exchange.getResponseBody().write(out);
                exchange.getResponseBody().flush();
                Gateway.pause(answer.stallAfter().toMillis());
                return;
            }
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
