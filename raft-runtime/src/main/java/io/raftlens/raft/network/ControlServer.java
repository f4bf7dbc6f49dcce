package io.raftlens.raft.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.raftlens.raft.node.BroadcastResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control API (DESIGN.md): HTTP/JSON on 127.0.0.1 with a small bounded pool. Broadcast answers are written
 * when the block commits, from the committing thread, so a waiting client holds no pool thread; SSE clients are
 * fed by the event dispatcher the same way.
 *
 * <p>Browser protection: the API binds loopback only, answers only requests whose Host is a loopback name
 * (DNS rebinding), and refuses state-changing requests (POST) that carry an {@code Origin} header — browsers
 * send one on cross-origin POSTs, curl and the CLI do not. Every POST must also carry the per-launch
 * {@link ControlToken} (any local process can reach loopback); GETs stay open on loopback.
 */
public final class ControlServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final Pattern NODE_OP = Pattern.compile("^/v1/nodes/(\\d+)/(stop|kill|start|isolate|heal)$");
    private static final Pattern CHANNEL_OP = Pattern.compile("^/v1/channels/([^/]+)/(transfer-leader|broadcast|consenters)$");
    private static final int MAX_BODY = 100 * 1024 * 1024;
    private static final long BROADCAST_TIMEOUT_SECONDS = 30;
    private static final int MAX_SSE_CLIENTS = 16;

    private final NetworkControl network;
    private final HttpServer server;
    private final ThreadPoolExecutor pool;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger sseClients = new AtomicInteger();
    private final ControlToken token;

    private ControlServer(NetworkControl network, HttpServer server, ThreadPoolExecutor pool, ControlToken token) {
        this.network = network;
        this.server = server;
        this.pool = pool;
        this.token = token;
    }

    /** Binds 127.0.0.1:{@code port} (0 = any free port) with a fresh token (see {@link #token()}) and starts serving. */
    public static ControlServer start(NetworkControl network, int port) throws IOException {
        return start(network, port, ControlToken.generate());
    }

    /** Binds 127.0.0.1:{@code port} (0 = any free port) and starts serving; POSTs must carry {@code token}. */
    public static ControlServer start(NetworkControl network, int port, ControlToken token) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 8, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
                r -> {
                    Thread t = new Thread(r, "raftlens-control");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        server.setExecutor(pool);
        ControlServer cs = new ControlServer(network, server, pool, token);
        server.createContext("/", cs::handle);
        server.start();
        return cs;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The per-launch token POSTs must carry. */
    public ControlToken token() {
        return token;
    }

    private void handle(HttpExchange ex) {
        try {
            route(ex);
        } catch (ControlException e) {
            reply(ex, e.httpStatus(), Map.of("error", e.getMessage()));
        } catch (NetworkOperationException e) {
            reply(ex, httpStatus(e.reason()), Map.of("error", e.getMessage()));
        } catch (RuntimeException | IOException e) {
            LOG.warn("control request {} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI(), e.toString());
            reply(ex, 500, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = ex.getRequestURI().getPath();
        if (!loopbackHost(ex.getRequestHeaders().getFirst("Host"))) {
            throw new ControlException(403, "the control API answers only requests addressed to 127.0.0.1 or localhost");
        }
        if (method.equals("POST") && ex.getRequestHeaders().getFirst("Origin") != null) {
            throw new ControlException(403, "state-changing requests from a browser page are refused (Origin header present)");
        }
        if (method.equals("POST") && !token.accepts(ex.getRequestHeaders().getFirst(ControlToken.HEADER),
                ex.getRequestHeaders().getFirst("Authorization"))) {
            throw new ControlException(401, "state-changing requests need the per-launch token: send the header "
                    + ControlToken.HEADER + " with the token printed by raftlens launch (also in <data dir>/" + ControlToken.FILE_NAME + ")");
        }
        if (method.equals("GET") && path.equals("/v1/network")) {
            reply(ex, 200, network.describe());
            return;
        }
        if (method.equals("GET") && path.equals("/v1/events")) {
            events(ex);
            return;
        }
        if (!method.equals("POST")) {
            throw new ControlException(path.startsWith("/v1/") ? 405 : 404, "no such endpoint: " + method + " " + path);
        }
        Matcher m = NODE_OP.matcher(path);
        if (m.matches()) {
            long id = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "stop" -> network.stopNode(id);
                case "kill" -> network.killNode(id);
                case "start" -> network.startNode(id);
                case "isolate" -> network.isolateNode(id);
                default -> network.healNode(id);
            }
            reply(ex, 200, Map.of("node", id, "done", m.group(2)));
            return;
        }
        if (path.equals("/v1/partition")) {
            JsonNode body = jsonBody(ex);
            List<List<Long>> groups = new ArrayList<>();
            JsonNode g = body.get("groups");
            if (g == null || !g.isArray()) {
                throw new ControlException(400, "expected {\"groups\":[[1,2],[3,4,5]]}");
            }
            for (JsonNode group : g) {
                List<Long> ids = new ArrayList<>();
                for (JsonNode id : group) {
                    ids.add(id.asLong());
                }
                groups.add(ids);
            }
            network.partition(groups);
            reply(ex, 200, Map.of("partition", groups));
            return;
        }
        if (path.equals("/v1/heal")) {
            network.healAll();
            reply(ex, 200, Map.of("healed", true));
            return;
        }
        m = CHANNEL_OP.matcher(path);
        if (m.matches()) {
            String channel = m.group(1);
            if (m.group(2).equals("transfer-leader")) {
                JsonNode body = jsonBody(ex);
                if (body.get("to") == null || !body.get("to").canConvertToLong()) {
                    throw new ControlException(400, "expected {\"to\":NODE_ID}");
                }
                network.transferLeader(channel, body.get("to").asLong());
                reply(ex, 200, Map.of("channel", channel, "to", body.get("to").asLong()));
            } else if (m.group(2).equals("consenters")) {
                consenters(ex, channel);
            } else {
                broadcast(ex, channel);
            }
            return;
        }
        throw new ControlException(404, "no such endpoint: " + method + " " + path);
    }

    private void broadcast(HttpExchange ex, String channel) throws IOException {
        Long node = null;
        String q = ex.getRequestURI().getQuery();
        if (q != null) {
            for (String kv : q.split("&")) {
                if (kv.startsWith("node=")) {
                    try {
                        node = Long.parseLong(kv.substring(5));
                    } catch (NumberFormatException e) {
                        throw new ControlException(400, "node must be a number: " + kv);
                    }
                }
            }
        }
        byte[] tx = ex.getRequestBody().readNBytes(MAX_BODY + 1);
        if (tx.length > MAX_BODY) {
            throw new ControlException(413, "transaction larger than " + MAX_BODY + " bytes");
        }
        CompletableFuture<BroadcastResult> f = network.broadcast(channel, node, tx);
        f.orTimeout(BROADCAST_TIMEOUT_SECONDS, TimeUnit.SECONDS).whenComplete((r, err) -> {
            if (err != null) {
                replyFailure(ex, err, "not ordered within " + BROADCAST_TIMEOUT_SECONDS
                        + "s (leadership may have changed; the transaction may or may not be ordered)", "info");
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", r.status());
            if (r.isSuccess()) {
                body.put("block", r.block());
            } else {
                body.put("info", r.info());
                if (r.leader() != 0) {
                    body.put("leader", r.leader());
                }
            }
            reply(ex, r.isSuccess() ? 200 : statusCode(r.status()), body);
        });
    }

    /**
     * {@code {"remove":ID}}, {@code {"add":ID}} or {@code {"consenters":[IDs]}}: a channel config update changing
     * the consenter set, answered once the conf change is applied.
     */
    private void consenters(HttpExchange ex, String channel) throws IOException {
        JsonNode body = jsonBody(ex);
        String usage = "expected {\"remove\":NODE_ID}, {\"add\":NODE_ID} or {\"consenters\":[NODE_ID, ...]}";
        List<Long> current = new ArrayList<>(network.consenters(channel));
        List<Long> wanted;
        if (body.size() != 1) {
            throw new ControlException(400, usage);
        } else if (body.has("remove") && body.get("remove").canConvertToLong()) {
            long id = body.get("remove").asLong();
            if (!current.remove(id)) {
                throw new ControlException(400, "node " + id + " is not a consenter of channel " + channel
                        + " (consenters: " + network.consenters(channel) + ")");
            }
            wanted = current;
        } else if (body.has("add") && body.get("add").canConvertToLong()) {
            long id = body.get("add").asLong();
            if (current.contains(id)) {
                throw new ControlException(409, "node " + id + " is already a consenter of channel " + channel);
            }
            current.add(id);
            wanted = current;
        } else if (body.has("consenters") && body.get("consenters").isArray()) {
            wanted = new ArrayList<>();
            for (JsonNode id : body.get("consenters")) {
                if (!id.canConvertToLong()) {
                    throw new ControlException(400, usage);
                }
                wanted.add(id.asLong());
            }
        } else {
            throw new ControlException(400, usage);
        }
        network.updateConsenters(channel, wanted).orTimeout(BROADCAST_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .whenComplete((r, err) -> {
                    if (err != null) {
                        replyFailure(ex, err, "the config change was not applied within " + BROADCAST_TIMEOUT_SECONDS
                                + "s; check GET /v1/network for the channel's consenters", "error");
                        return;
                    }
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("status", r.status());
                    if (r.isSuccess()) {
                        out.put("block", r.block());
                        out.put("consenters", r.consenters());
                        reply(ex, 200, out);
                        return;
                    }
                    out.put("error", r.info());
                    if (r.leader() != 0) {
                        out.put("leader", r.leader());
                    }
                    reply(ex, statusCode(r.status()), out);
                });
    }

    /** A request whose future failed or timed out: 503 unless the failure names its own HTTP status. */
    private void replyFailure(HttpExchange ex, Throwable err, String timedOut, String messageKey) {
        Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                ? err.getCause() : err;
        String info = cause instanceof TimeoutException ? timedOut : String.valueOf(cause.getMessage());
        reply(ex, cause instanceof ControlException ce ? ce.httpStatus()
                        : cause instanceof NetworkOperationException ne ? httpStatus(ne.reason()) : 503,
                Map.of("status", "SERVICE_UNAVAILABLE", messageKey, info));
    }

    /** The one place a network's refusal becomes an HTTP status. */
    static int httpStatus(NetworkOperationException.Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case FAILED -> 500;
        };
    }

    private static int statusCode(String status) {
        return switch (status) {
            case "BAD_REQUEST" -> 400;
            case "CONFLICT" -> 409;
            case "REQUEST_ENTITY_TOO_LARGE" -> 413;
            default -> 503;
        };
    }

    private void events(HttpExchange ex) throws IOException {
        if (sseClients.incrementAndGet() > MAX_SSE_CLIENTS) {
            sseClients.decrementAndGet();
            throw new ControlException(503, "too many event stream clients (max " + MAX_SSE_CLIENTS + ")");
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        out.write((": raftlens events\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        AutoCloseable[] handle = new AutoCloseable[1];
        handle[0] = network.events().subscribe(e -> {
            try {
                out.write(("event: " + e.type() + "\ndata: " + json.writeValueAsString(ControlJson.event(e)) + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException io) {
                sseClients.decrementAndGet();
                ex.close();
                throw new java.io.UncheckedIOException(io); // the dispatcher drops this subscriber
            }
        });
    }

    private JsonNode jsonBody(HttpExchange ex) throws IOException {
        byte[] b = ex.getRequestBody().readNBytes(1 << 20);
        try {
            JsonNode n = json.readTree(b);
            if (n == null || !n.isObject()) {
                throw new ControlException(400, "expected a JSON object body");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ControlException(400, "body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private void reply(HttpExchange ex, int status, Object body) {
        try {
            byte[] b = json.writeValueAsBytes(body);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        } catch (IOException e) {
            LOG.debug("control client went away: {}", e.toString());
        } finally {
            ex.close();
        }
    }

    private static boolean loopbackHost(String host) {
        if (host == null) {
            return true;
        }
        String h = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":\\d+$", "");
        return h.equals("127.0.0.1") || h.equalsIgnoreCase("localhost") || h.equals("[::1]");
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
