import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The adaptive scenario (bench/run.sh adaptive, issue 14): an origin whose capacity changes
 * during the run, against a proxy with {@code adaptive: true} and then the same run with
 * {@code adaptive: false}, one after the other on the same gateway.
 *
 * <p>The origin serves at most {@code capacity} requests at once, each in 200 ms ± 20%, and
 * answers {@code 503} at once beyond that; its capacity is 40, then 10, then 40 again, for
 * {@code phase} seconds each. A backlog larger than the origin can serve in the run is queued
 * first (the proxy paused), so there is always demand. Every 250 ms the proxy's stats (limit in
 * force, attempts in flight) and the origin's counters are sampled into {@code <mode>.csv}.
 * Then an outage: a fresh proxy, the origin answering {@code 503} to everything for 30 s, 40
 * requests waiting; the attempts that reach it are counted per second.
 *
 * <p>Prints one line {@code RESULT {...}} with, per mode: per phase the time the limit took to
 * settle within 25% of the capacity (and stay there), the share of attempts refused after that,
 * and the goodput against the capacity's; and the outage's attempts.
 *
 *   java bench/AdaptiveRun.java <ferryBase> <adminToken> <originPort> <outDir> [phaseSeconds] [backlog]
 */
public class AdaptiveRun {

    static final long SERVICE_MS = 200;
    static final int[] CAPACITIES = {40, 10, 40};
    static final Pattern INT = Pattern.compile("\"(concurrencyLimit|inFlight)\":(\\d+)");

    // HTTP/1.1: the JDK client would otherwise try an h2c upgrade, which the server drops on a POST
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static String ferry;
    static String admin;

    // the origin's state and counters
    static final AtomicInteger capacity = new AtomicInteger(40);
    static final AtomicBoolean down = new AtomicBoolean();
    static final AtomicInteger inFlight = new AtomicInteger();
    static final AtomicLong served = new AtomicLong();
    static final AtomicLong refused = new AtomicLong();
    static volatile String path = "/";

    public static void main(String[] args) {
        try {
            measure(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // the origin's threads would keep the JVM, and run.sh, waiting
        }
        System.exit(0);
    }

    static void measure(String[] args) throws Exception {
        ferry = args[0];
        admin = args[1];
        int originPort = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        int phase = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        int backlog = args.length > 5 ? Integer.parseInt(args[5]) : 20_000;
        Files.createDirectories(out);
        HttpServer origin = HttpServer.create(new InetSocketAddress("127.0.0.1", originPort), 1024);
        origin.setExecutor(Executors.newCachedThreadPool());
        origin.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                int now = inFlight.incrementAndGet();
                try {
                    if (down.get() || now > capacity.get()) {
                        refused.incrementAndGet();
                        exchange.sendResponseHeaders(503, -1);
                        return;
                    }
                    long ms = (long) (SERVICE_MS * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
                    Thread.sleep(ms);
                    served.incrementAndGet();
                    exchange.sendResponseHeaders(200, -1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        });
        origin.start();
        String origin0 = "http://127.0.0.1:" + originPort;
        StringBuilder result = new StringBuilder("{");
        for (String mode : new String[] {"adaptive", "fixed"}) {
            if (result.length() > 1) {
                result.append(',');
            }
            result.append('"').append(mode).append("\":")
                    .append(run(mode, origin0, out, phase, backlog));
        }
        result.append('}');
        System.out.println("RESULT " + result);
        origin.stop(0);
    }

    static String run(String mode, String origin, Path out, int phase, int backlog) throws Exception {
        String id = "bench-" + mode;
        capacity.set(CAPACITIES[0]);
        down.set(false);
        adminCall("POST", "admin/proxies", """
                {"id":"%s","targetUrl":"%s/%s","clientAuth":{"type":"bearer","tokens":["%s-token"]},
                 "retry":{"maxRetries":1000,"initialDelayMs":100,"maxDelayMs":1000,"windowSeconds":3600},
                 "limits":{"maxConcurrency":64,"adaptive":%s}}""".formatted(id, origin, mode, id, "adaptive".equals(mode)));
        adminCall("POST", "admin/proxies/" + id + "/pause", null);
        submit(id, backlog);
        served.set(0);
        refused.set(0);
        List<double[]> samples = new ArrayList<>();
        // Resuming queues the backlog again before it returns (seconds for this many), and
        // forwarding starts with the first batch: the clock starts now, the call runs beside it.
        long t0 = System.nanoTime();
        var resumed = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                adminCall("POST", "admin/proxies/" + id + "/resume", null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long end = t0 + TimeUnit.SECONDS.toNanos((long) phase * CAPACITIES.length);
        long next = t0;
        long lastServed = 0;
        long lastRefused = 0;
        while (System.nanoTime() < end) {
            double t = (System.nanoTime() - t0) / 1e9;
            capacity.set(CAPACITIES[Math.min(CAPACITIES.length - 1, (int) (t / phase))]);
            String stats = adminCall("GET", "admin/proxies/" + id + "/stats", null);
            int limit = field(stats, "concurrencyLimit");
            int gatewayInFlight = field(stats, "inFlight");
            long s = served.get();
            long r = refused.get();
            samples.add(new double[] {t, capacity.get(), limit, gatewayInFlight, inFlight.get(), s - lastServed, r - lastRefused});
            lastServed = s;
            lastRefused = r;
            next += TimeUnit.MILLISECONDS.toNanos(250);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        resumed.join();
        adminCall("DELETE", "admin/proxies/" + id + "?force=true", null);
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out.resolve(mode + ".csv")))) {
            csv.println("# t capacity limit gatewayInFlight originInFlight served refused (per 250 ms)");
            for (double[] x : samples) {
                csv.printf(Locale.ROOT, "%.2f %d %d %d %d %d %d%n", x[0], (int) x[1], (int) x[2], (int) x[3], (int) x[4],
                        (long) x[5], (long) x[6]);
            }
        }
        StringBuilder json = new StringBuilder("{\"phases\":[");
        for (int p = 0; p < CAPACITIES.length; p++) {
            json.append(p == 0 ? "" : ",").append(phaseSummary(samples, p * phase, (p + 1) * phase, CAPACITIES[p]));
        }
        json.append("],\"outage\":").append(outage(mode, origin)).append('}');
        return json.toString();
    }

    /**
     * Settling (the first time the limit is within 25% of the capacity and stays there for 5 s),
     * the share of the rest of the phase it spends there, refusals after settling, and goodput,
     * for one phase of the samples.
     */
    static String phaseSummary(List<double[]> samples, double from, double to, int cap) {
        List<double[]> in = samples.stream().filter(x -> x[0] >= from && x[0] < to).toList();
        Double settled = null;
        for (int i = 0; i < in.size() && settled == null; i++) {
            boolean stays = true;
            for (int j = i; j < in.size() && in.get(j)[0] < in.get(i)[0] + 5; j++) {
                double limit = in.get(j)[2];
                if (limit < 0.75 * cap || limit > 1.25 * cap) {
                    stays = false;
                    break;
                }
            }
            if (stays) {
                settled = in.get(i)[0] - from;
            }
        }
        long inBand = 0;
        long afterSettling = 0;
        for (double[] x : in) {
            if (settled != null && x[0] >= from + settled) {
                afterSettling++;
                if (x[2] >= 0.75 * cap && x[2] <= 1.25 * cap) {
                    inBand++;
                }
            }
        }
        double after = settled == null ? to : from + settled;
        long okAfter = 0;
        long refusedAfter = 0;
        long ok = 0;
        for (double[] x : in) {
            ok += (long) x[5];
            if (x[0] >= after) {
                okAfter += (long) x[5];
                refusedAfter += (long) x[6];
            }
        }
        double capacityPerSecond = cap * 1000.0 / SERVICE_MS;
        double goodput = ok / (to - from) / capacityPerSecond;
        String goodputAfter = settled == null || to - after <= 0 ? "null"
                : String.format(Locale.ROOT, "%.3f", okAfter / (to - after) / capacityPerSecond);
        double meanLimit = in.stream().mapToDouble(x -> x[2]).average().orElse(0);
        return String.format(Locale.ROOT,
                "{\"capacity\":%d,\"settleSeconds\":%s,\"inBandAfterSettling\":%s,\"refusedAfterSettling\":%s,\"goodput\":%.3f,\"goodputAfterSettling\":%s,\"meanLimit\":%.1f}",
                cap, settled == null ? "null" : String.format(Locale.ROOT, "%.2f", settled),
                afterSettling == 0 ? "null" : String.format(Locale.ROOT, "%.3f", (double) inBand / afterSettling),
                okAfter + refusedAfter == 0 ? "null" : String.format(Locale.ROOT, "%.4f", (double) refusedAfter / (okAfter + refusedAfter)),
                goodput, goodputAfter, meanLimit);
    }

    /** 40 requests waiting while the origin refuses everything for 30 s; attempts counted per second. */
    static String outage(String mode, String origin) throws Exception {
        String id = "bench-outage-" + mode;
        adminCall("POST", "admin/proxies", """
                {"id":"%s","targetUrl":"%s/outage","clientAuth":{"type":"bearer","tokens":["%s-token"]},
                 "retry":{"maxRetries":1000,"initialDelayMs":100,"maxDelayMs":1000,"windowSeconds":3600},
                 "limits":{"maxConcurrency":64,"adaptive":%s}}""".formatted(id, origin, id, "adaptive".equals(mode)));
        down.set(true);
        refused.set(0);
        long t0 = System.nanoTime();
        submit(id, 40);
        List<Long> perSecond = new ArrayList<>();
        long last = 0;
        for (int s = 1; s <= 30; s++) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, t0 + TimeUnit.SECONDS.toNanos(s) - System.nanoTime()));
            long now = refused.get();
            perSecond.add(now - last);
            last = now;
        }
        down.set(false);
        served.set(0);
        long up = System.nanoTime();
        long deadline = up + TimeUnit.SECONDS.toNanos(120);
        while (served.get() < 40 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        double recovered = (System.nanoTime() - up) / 1e9;
        adminCall("DELETE", "admin/proxies/" + id + "?force=true", null);
        long first5 = perSecond.subList(0, 5).stream().mapToLong(Long::longValue).sum();
        long rest = perSecond.subList(5, 30).stream().mapToLong(Long::longValue).sum();
        long most = perSecond.subList(5, 30).stream().mapToLong(Long::longValue).max().orElse(0);
        return String.format(Locale.ROOT,
                "{\"attemptsFirst5s\":%d,\"attemptsLast25s\":%d,\"perSecondLast25s\":%.2f,\"mostInOneSecondLast25s\":%d,\"completedAfterUpSeconds\":%s,\"perSecond\":%s}",
                first5, rest, rest / 25.0, most, served.get() >= 40 ? String.format(Locale.ROOT, "%.1f", recovered) : "null",
                perSecond);
    }

    /** Queues {@code count} requests through 8 connections. */
    static void submit(String proxyId, int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        AtomicInteger left = new AtomicInteger(count);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            done.add(clients.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(ferry + "/async/" + proxyId + "/x"))
                            .header("Authorization", "Bearer " + proxyId + "-token")
                            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 202) {
                        throw new IllegalStateException("not accepted: " + r.statusCode() + " " + r.body());
                    }
                }
                return null;
            }));
        }
        for (var f : done) {
            f.get();
        }
        clients.shutdown();
    }

    static String adminCall(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ferry + "/" + path)).header("Authorization", "Bearer " + admin);
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static int field(String json, String name) {
        Matcher m = INT.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return Integer.parseInt(m.group(2));
            }
        }
        return -1;
    }
}
