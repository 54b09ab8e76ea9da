import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The webhooks scenario's receiver (bench/run.sh): answers every webhook 204 and keeps, per
 * webhook, how long after its request ended it arrived (now minus the payload's "timestamp",
 * the request's completion; same machine, same clock). GET /stats gives the count and the
 * percentiles in milliseconds; POST /reset forgets what came so far (the warm-up's).
 *
 *   java bench/HookReceiver.java <port>
 */
public class HookReceiver {

    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"([^\"]+)\"");
    private static final List<Long> LATENCIES = Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 256);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/hook", exchange -> {
            long now = System.currentTimeMillis();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = TIMESTAMP.matcher(body);
            if (m.find()) {
                LATENCIES.add(now - Instant.parse(m.group(1)).toEpochMilli());
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/reset", exchange -> {
            LATENCIES.clear();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/stats", exchange -> {
            List<Long> sorted;
            synchronized (LATENCIES) {
                sorted = new ArrayList<>(LATENCIES);
            }
            Collections.sort(sorted);
            String json = "{\"count\":" + sorted.size() + ",\"p50Ms\":" + at(sorted, 0.50) + ",\"p99Ms\":" + at(sorted, 0.99)
                    + ",\"maxMs\":" + (sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1)) + "}";
            byte[] out = json.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    private static long at(List<Long> sorted, double quantile) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size())));
    }
}
