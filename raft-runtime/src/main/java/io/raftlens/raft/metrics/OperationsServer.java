package io.raftlens.raft.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A node's operations endpoint (Fabric's Operations.ListenAddress): {@code GET /metrics} in Prometheus text format
 * with Fabric's names, and {@code GET /healthz} in Fabric's format — 200 {@code {"status":"OK","time":"…"}}, or
 * 503 {@code {"status":"Service Unavailable","time":"…","failed_checks":[{"component":…,"reason":…}]}}. Served
 * by the JDK HTTP server on {@link io.raftlens.raft.http.HttpServers}' workers; {@link #close} stops them and frees the port.
 */
public final class OperationsServer implements AutoCloseable {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final ExecutorService workers;
    private final OrdererMetrics metrics;
    private final HealthRegistry health;
    private final Clock clock;

    private OperationsServer(HttpServer server, ExecutorService workers, OrdererMetrics metrics,
                             HealthRegistry health, Clock clock) {
        this.server = server;
        this.workers = workers;
        this.metrics = metrics;
        this.health = health;
        this.clock = clock;
    }

    /**
     * Listens on {@code host:port} (port 0 = ephemeral).
     *
     * @throws IllegalStateException with an operator message if the address cannot be bound
     */
    public static OperationsServer start(String host, int port, OrdererMetrics metrics, HealthRegistry health,
                                         Clock clock) {
        HttpServer server;
        try {
            // workers and a request read timeout that idle connections cannot exhaust (adversarial.md H1)
            server = io.raftlens.raft.http.HttpServers.create(new InetSocketAddress(host, port), "operations-" + port);
        } catch (IOException e) {
            String reason = e instanceof BindException ? "address already in use" : e.getMessage();
            throw new IllegalStateException("cannot start the operations endpoint on " + host + ":" + port + ": "
                    + reason + "; change Operations.ListenAddress (or --ops-base-port)", e);
        }
        ExecutorService workers = (ExecutorService) server.getExecutor();
        OperationsServer ops = new OperationsServer(server, workers, metrics, health, clock);
        server.createContext("/", ops::handle);
        server.start();
        return ops;
    }

    public static OperationsServer start(String host, int port, OrdererMetrics metrics, HealthRegistry health) {
        return start(host, port, metrics, health, Clock.systemUTC());
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean get = exchange.getRequestMethod().equals("GET");
            switch (path) {
                case "/metrics" -> {
                    if (!get) {
                        exchange.sendResponseHeaders(405, -1);
                        return;
                    }
                    respond(exchange, 200, FabricTextFormat.CONTENT_TYPE, metrics.scrape());
                }
                case "/healthz" -> {
                    if (!get) {
                        exchange.sendResponseHeaders(405, -1); // as Fabric's HealthHandler
                        return;
                    }
                    List<HealthRegistry.FailedCheck> failed = health.runChecks();
                    respond(exchange, failed.isEmpty() ? 200 : 503, "application/json", healthJson(failed));
                }
                default -> respond(exchange, 404, "text/plain; charset=utf-8", "404 page not found\n");
            }
        }
    }

    private String healthJson(List<HealthRegistry.FailedCheck> failed) {
        StringBuilder json = new StringBuilder("{\"status\":\"")
                .append(failed.isEmpty() ? "OK" : "Service Unavailable")
                .append("\",\"time\":\"").append(goTime(clock.instant())).append('"');
        if (!failed.isEmpty()) {
            json.append(",\"failed_checks\":[");
            for (int i = 0; i < failed.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                json.append("{\"component\":").append(jsonString(failed.get(i).component()))
                        .append(",\"reason\":").append(jsonString(failed.get(i).reason())).append('}');
            }
            json.append(']');
        }
        return json.append('}').toString();
    }

    /** Go's time.Time JSON form (RFC 3339 with nanoseconds, trailing zeros dropped), in UTC. */
    static String goTime(Instant t) {
        StringBuilder s = new StringBuilder(SECONDS.format(t));
        if (t.getNano() != 0) {
            String nanos = String.format("%09d", t.getNano()).replaceAll("0+$", "");
            s.append('.').append(nanos);
        }
        return s.append('Z').toString();
    }

    private static String jsonString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') { // Go's encoder escapes HTML characters too
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops accepting, closes the port and ends the worker threads. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
