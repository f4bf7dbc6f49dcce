package io.raftlens.raft.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.raftlens.raft.http.HttpServers;
import io.raftlens.raft.http.RequestBodies;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control API (DESIGN.md): HTTP/JSON on 127.0.0.1 with a small bounded pool. Broadcast answers are written
 * when the block commits (RaftLens's addition: gRPC Broadcast answers SUCCESS once the leader took the transaction,
 * as Fabric does; this API waits for the block, whose number it reports and {@code raftlens bench} times), from the
 * committing thread, so a waiting client holds no pool thread; SSE clients are
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
    private static final long HEARTBEAT_SECONDS = 5;

    private final NetworkControl network;
    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger sseClients = new AtomicInteger();
    private final java.util.Set<EventClient> eventClients = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ScheduledExecutorService heartbeat;
    private final RequestBodies bodies = RequestBodies.forHeap();
    private final ControlToken token;

    private ControlServer(NetworkControl network, HttpServer server, ControlToken token) {
        this.network = network;
        this.server = server;
        this.token = token;
        this.heartbeat = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "raftlens-control-heartbeat");
            t.setDaemon(true);
            return t;
        });
        // an event stream client that went away is noticed by the next write; a comment line every few
        // seconds makes that write happen even when no event does, so its slot is freed (adversarial.md L1)
        heartbeat.scheduleWithFixedDelay(this::pingEventClients, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    /** Binds 127.0.0.1:{@code port} (0 = any free port) with a fresh token (see {@link #token()}) and starts serving. */
    public static ControlServer start(NetworkControl network, int port) throws IOException {
        return start(network, port, ControlToken.generate());
    }

    /** Binds 127.0.0.1:{@code port} (0 = any free port) and starts serving; POSTs must carry {@code token}. */
    public static ControlServer start(NetworkControl network, int port, ControlToken token) throws IOException {
        // enough workers and a request read timeout: idle or slow connections cannot freeze the API (H1)
        HttpServer server = HttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), "raftlens-control");
        ControlServer cs = new ControlServer(network, server, token);
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
        if (method.equals("POST") && HttpServers.queuedNanos() > HttpServers.STALE_NANOS) {
            // its client has most likely given up: a kill or stop done now would surprise whoever retries (H1)
            throw new ControlException(503, "the control API was too busy to read this request for "
                    + TimeUnit.NANOSECONDS.toSeconds(HttpServers.queuedNanos()) + " s; it was not executed, send it again");
        }
        if (method.equals("GET") && path.equals("/v1/network")) {
            reply(ex, 200, ControlJson.network(network.snapshot()));
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
            long id = pathId(m.group(1));
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
                if (!group.isArray()) {
                    throw new ControlException(400, "expected {\"groups\":[[1,2],[3,4,5]]}: each group is a list of node ids");
                }
                List<Long> ids = new ArrayList<>();
                for (JsonNode id : group) {
                    ids.add(nodeId(id, "groups"));
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
                if (body.get("to") == null) {
                    throw new ControlException(400, "expected {\"to\":NODE_ID}");
                }
                long to = nodeId(body.get("to"), "to");
                network.transferLeader(channel, to);
                reply(ex, 200, Map.of("channel", channel, "to", to));
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
        RequestBodies.Body tx = read(ex, MAX_BODY, "transaction");
        CompletableFuture<BroadcastResult> f;
        try {
            f = network.broadcast(channel, node, tx.bytes());
        } catch (RuntimeException e) {
            tx.close();
            throw e;
        }
        f.orTimeout(BROADCAST_TIMEOUT_SECONDS, TimeUnit.SECONDS).whenComplete((r, err) -> {
            tx.close(); // its bytes are in the block (or refused) by now
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
        } else if (body.has("remove")) {
            long id = nodeId(body.get("remove"), "remove");
            if (!current.remove(id)) {
                throw new ControlException(400, "node " + id + " is not a consenter of channel " + channel
                        + " (consenters: " + network.consenters(channel) + ")");
            }
            wanted = current;
        } else if (body.has("add")) {
            long id = nodeId(body.get("add"), "add");
            if (current.contains(id)) {
                throw new ControlException(409, "node " + id + " is already a consenter of channel " + channel);
            }
            current.add(id);
            wanted = current;
        } else if (body.has("consenters") && body.get("consenters").isArray()) {
            wanted = new ArrayList<>();
            for (JsonNode id : body.get("consenters")) {
                wanted.add(nodeId(id, "consenters"));
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
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case FAILED -> 500;
        };
    }

    private static int statusCode(String status) {
        return switch (status) {
            case "BAD_REQUEST" -> 400;
            case "FORBIDDEN" -> 403;
            case "CONFLICT" -> 409;
            case "REQUEST_ENTITY_TOO_LARGE" -> 413;
            default -> 503;
        };
    }

    private void events(HttpExchange ex) throws IOException {
        if (sseClients.incrementAndGet() > MAX_SSE_CLIENTS) {
            sseClients.decrementAndGet();
            pingEventClients(); // free the slots of clients that went away, for the next attempt
            throw new ControlException(503, "too many event stream clients (max " + MAX_SSE_CLIENTS + "); retry in a few seconds");
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        EventClient client = new EventClient(ex);
        eventClients.add(client);
        if (!client.send(": raftlens events\n\n")) {
            return;
        }
        client.subscription = network.events().subscribe(e -> {
            String frame;
            try {
                frame = "event: " + e.type() + "\ndata: " + json.writeValueAsString(ControlJson.event(e)) + "\n\n";
            } catch (IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
            if (!client.send(frame)) {
                throw new java.io.UncheckedIOException(new IOException("event stream client went away")); // dropped
            }
        });
        if (client.closed) {
            client.close(); // went away while subscribing
        }
    }

    private void pingEventClients() {
        for (EventClient c : eventClients) {
            c.send(":\n\n");
        }
    }

    /** One SSE client; its slot is freed exactly once, on the first failed write or on close. */
    private final class EventClient {
        private final HttpExchange ex;
        private final OutputStream out;
        private volatile AutoCloseable subscription;
        private volatile boolean closed;

        EventClient(HttpExchange ex) {
            this.ex = ex;
            this.out = ex.getResponseBody();
        }

        synchronized boolean send(String frame) {
            if (closed) {
                return false;
            }
            try {
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush();
                return true;
            } catch (IOException | RuntimeException e) {
                close();
                return false;
            }
        }

        synchronized void close() {
            boolean first = !closed;
            closed = true;
            AutoCloseable s = subscription;
            subscription = null;
            if (s != null) {
                try {
                    s.close();
                } catch (Exception ignored) {
                    // unsubscribing is best effort
                }
            }
            if (first) {
                eventClients.remove(this);
                sseClients.decrementAndGet();
                ex.close();
            }
        }
    }

    /** A path segment that is a node id: digits (the route's pattern), perhaps too many for any node. */
    private static long pathId(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new ControlException(404, "no node " + (digits.length() > 24 ? digits.substring(0, 24) + "…" : digits));
        }
    }

    /**
     * A node id in a JSON body: a whole number, as written. Jackson's asLong would turn 2.7 into 2 and 1e3 into
     * 1000, acting on a node nobody named (adversarial.md L2).
     */
    private static long nodeId(JsonNode n, String field) {
        if (n == null || !n.isIntegralNumber()) {
            throw new ControlException(400, "\"" + field + "\" takes whole node ids such as 2, not " + (n == null ? "nothing"
                    : n.isNumber() ? n.asText() : n.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        if (!n.canConvertToLong()) {
            throw new ControlException(404, "no node " + n.asText());
        }
        return n.asLong();
    }

    private RequestBodies.Body read(HttpExchange ex, int max, String what) throws IOException {
        try {
            return bodies.read(ex, max, what);
        } catch (RequestBodies.Refused e) {
            // refused before (all of) the body was read: the rest of it is still on the wire, so the connection
            // cannot carry another request; say so, as Go's MaxBytesReader makes net/http do
            io.raftlens.raft.http.UnreadBodies.closeAfterReply(ex);
            throw new ControlException(e.status(), e.getMessage());
        }
    }

    private JsonNode jsonBody(HttpExchange ex) throws IOException {
        byte[] b;
        try (RequestBodies.Body body = read(ex, 1 << 20, "request body")) {
            b = body.bytes();
        }
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
        // [v6]:port or name:port; anything after "]" but a port makes it some other host ("[::1]evil.com", L5)
        String h = host.startsWith("[") ? host.replaceFirst("^(\\[[^\\]]*\\])(:\\d+)?$", "$1") : host.replaceFirst(":\\d+$", "");
        return h.equals("127.0.0.1") || h.equalsIgnoreCase("localhost") || h.equals("[::1]");
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        for (EventClient c : eventClients) {
            c.close();
        }
        HttpServers.stop(server);
    }
}
