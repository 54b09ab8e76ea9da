package ferry.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A real HTTP origin whose answers depend on how loaded it is: each path has a behaviour that is
 * told how many requests are in flight at that path (this one included) and says how to answer.
 * It keeps what a test of adaptive forwarding looks at: arrivals over time, the most in flight,
 * and the answers given. Unbounded threads, so that it never queues anything itself.
 */
public final class LoadOrigin implements AutoCloseable {

    /** How to answer: a status, after {@code delayMs}, with these headers. */
    public record Reply(int status, long delayMs, Map<String, String> headers) {
        public static Reply ok(long delayMs) {
            return new Reply(200, delayMs, Map.of());
        }

        public static Reply status(int status) {
            return new Reply(status, 0, Map.of());
        }
    }

    /** What one path saw. */
    public static final class Path {
        private final IntFunction<Reply> behaviour;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger mostInFlight = new AtomicInteger();
        private final List<Long> arrivals = new CopyOnWriteArrayList<>();
        private final List<Integer> statuses = new CopyOnWriteArrayList<>();
        private final List<Long> served = new CopyOnWriteArrayList<>();

        Path(IntFunction<Reply> behaviour) {
            this.behaviour = behaviour;
        }

        /** Arrival times, {@code System.nanoTime()}. */
        public List<Long> arrivals() {
            return List.copyOf(arrivals);
        }

        public int mostInFlight() {
            return mostInFlight.get();
        }

        public long answered(int status) {
            return statuses.stream().filter(s -> s == status).count();
        }

        public int requests() {
            return arrivals.size();
        }

        /** How long each 200 took to give, in ms, in the order given. */
        public List<Long> servedMs() {
            return List.copyOf(served);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Path> paths = new ConcurrentHashMap<>();

    public LoadOrigin() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", Gateway.originPort()), 512);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves {@code path} with this behaviour (given the in-flight count there, this request included). */
    public Path serve(String path, IntFunction<Reply> behaviour) {
        Path p = new Path(behaviour);
        paths.put(path, p);
        return p;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            Path path = paths.get(exchange.getRequestURI().getRawPath());
            if (path == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            path.arrivals.add(System.nanoTime());
            int now = path.inFlight.incrementAndGet();
            path.mostInFlight.accumulateAndGet(now, Math::max);
            try {
                Reply reply = path.behaviour.apply(now);
                if (reply.delayMs() > 0) {
                    Gateway.pause(reply.delayMs());
                }
                reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                path.statuses.add(reply.status());
                if (reply.status() == 200) {
                    path.served.add(reply.delayMs());
                }
                exchange.sendResponseHeaders(reply.status(), -1);
            } finally {
                path.inFlight.decrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
