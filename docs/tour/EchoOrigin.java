import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A tiny target API for the README tour: answers every request with a JSON echo of its method,
 * path, Ferry headers and body size. Run it with {@code java docs/tour/EchoOrigin.java 9099}.
 */
public class EchoOrigin {
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9099;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String json = String.format(
                    "{\"method\":\"%s\",\"path\":\"%s\",\"ferryRequestId\":\"%s\",\"attempt\":\"%s\",\"bodyBytes\":%d}%n",
                    exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRequestHeaders().getFirst("Ferry-Request-Id"),
                    exchange.getRequestHeaders().getFirst("Ferry-Attempt"), body.length);
            byte[] out = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
            System.out.print(json);
        });
        server.start();
        System.out.println("Echo origin on http://127.0.0.1:" + port);
    }
}
