package io.raftlens.raft.fabric.participation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.raftlens.raft.http.UnreadBodies;
import io.raftlens.config.value.FabricNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fabric's {@code channelparticipation.HTTPHandler} (restapi.go): the routes of gorilla/mux as Fabric registers
 * them, its content negotiation, its status codes (200, 201 + Location, 204, 302, 400, 404, 405 + Allow, 406, 409,
 * 500) and its error texts, JSON-encoded as Go's encoder writes them (one line and a newline).
 */
public final class ParticipationHandler implements HttpHandler {

    public static final String URL_BASE_V1 = "/participation/v1/";
    public static final String URL_BASE_V1_CHANNELS = URL_BASE_V1 + "channels";
    public static final String FORM_DATA_CONFIG_BLOCK_KEY = "config-block";
    public static final String FORM_DATA_CONFIG_UPDATE_ENVELOPE_KEY = "config-update-envelope";

    private static final Logger LOG = LoggerFactory.getLogger("orderer.common.channelparticipation");
    private static final Pattern CHANNEL = Pattern.compile("^" + URL_BASE_V1_CHANNELS + "/([^/]+)$");
    private static final Pattern BLOCK = Pattern.compile("^" + URL_BASE_V1_CHANNELS + "/([^/]+)/blocks/([^/]+)$");
    private static final Pattern MULTIPART = Pattern.compile("multipart/form-data*");

    private final ChannelManagement registrar;
    private final long maxRequestBodySize;
    private final ObjectMapper json = new ObjectMapper();

    /** @param maxRequestBodySize orderer.yaml ChannelParticipation.MaxRequestBodySize (Fabric's default 1 MB) */
    public ParticipationHandler(ChannelManagement registrar, long maxRequestBodySize) {
        this.registrar = registrar;
        this.maxRequestBodySize = maxRequestBodySize;
    }

    /** {@code /participation/v1/channels/<name>}: what Fabric puts in {@code url} and {@code Location}. */
    public static String channelUrl(String channel) {
        return URL_BASE_V1_CHANNELS + "/" + channel;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                route(ex);
            } catch (RuntimeException e) {
                // answered before the exchange closes (a close first would drop the connection without a reply)
                LOG.warn("participation request {} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI(), e.toString());
                sendError(ex, 500, "internal error: " + e.getMessage());
            }
        }
    }

    /**
     * Every response starts here: the request is read to its end first (or the response says Connection: close), as
     * Go's server does for Fabric's handler, so the connection stays usable for the client's next request.
     */
    private static void reply(HttpExchange ex, int status, long length) throws IOException {
        UnreadBodies.discardBeforeReply(ex);
        ex.sendResponseHeaders(status, length);
    }

    private void route(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        if (path.equals(URL_BASE_V1_CHANNELS)) {
            switch (method) {
                case "GET" -> serveListAll(ex);
                case "POST", "PUT" -> {
                    if (MULTIPART.matcher(contentType(ex)).find()) {
                        if (method.equals("POST")) {
                            serveJoin(ex);
                        } else {
                            serveUpdate(ex);
                        }
                    } else {
                        sendError(ex, 400, "unsupported Content-Type: " + goList(ex.getRequestHeaders().get("Content-Type")));
                    }
                }
                default -> sendNotAllowed(ex, "invalid request method: " + method, "GET", "POST", "PUT");
            }
            return;
        }
        Matcher block = BLOCK.matcher(path);
        if (block.matches()) {
            if (method.equals("GET")) {
                serveFetchBlock(ex, block.group(1), block.group(2));
            } else {
                sendNotAllowed(ex, "invalid request method: " + method, "GET");
            }
            return;
        }
        Matcher channel = CHANNEL.matcher(path);
        if (channel.matches()) {
            switch (method) {
                case "GET" -> serveListOne(ex, channel.group(1));
                case "DELETE" -> serveRemove(ex, channel.group(1));
                default -> sendNotAllowed(ex, "invalid request method: " + method, "GET", "DELETE");
            }
            return;
        }
        if (path.equals(URL_BASE_V1)) {
            if (method.equals("GET")) {
                ex.getResponseHeaders().set("Location", URL_BASE_V1_CHANNELS);
                reply(ex, 302, -1);
            } else {
                reply(ex, 405, -1); // gorilla/mux: the path matched, the method did not
            }
            return;
        }
        byte[] body = "404 page not found\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        reply(ex, 404, body.length);
        ex.getResponseBody().write(body);
    }

    private void serveListAll(HttpExchange ex) throws IOException {
        if (!negotiate(ex)) {
            return;
        }
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        sendJson(ex, 200, ChannelList.of(registrar.channels()));
    }

    private void serveListOne(HttpExchange ex, String channel) throws IOException {
        if (!negotiate(ex) || !validChannelId(ex, channel)) {
            return;
        }
        ChannelInfo info;
        try {
            info = registrar.channelInfo(channel);
        } catch (ParticipationException e) {
            sendError(ex, 404, e.getMessage());
            return;
        }
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        sendJson(ex, 200, info.withUrl(channelUrl(info.name())));
    }

    private void serveFetchBlock(HttpExchange ex, String channel, String blockId) throws IOException {
        if (!negotiate(ex) || !validChannelId(ex, channel)) {
            return;
        }
        Optional<String> bad = blockIdError(blockId);
        if (bad.isPresent()) {
            sendError(ex, 400, "invalid block ID: " + bad.get());
            return;
        }
        Block block;
        try {
            block = registrar.fetchBlock(channel, blockId);
        } catch (ParticipationException e) {
            sendError(ex, 404, e.getMessage());
            return;
        }
        byte[] bytes = block.toByteArray();
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        reply(ex, 200, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private void serveJoin(HttpExchange ex) throws IOException {
        if (!negotiate(ex)) {
            return;
        }
        Optional<byte[]> part = formFile(ex, FORM_DATA_CONFIG_BLOCK_KEY);
        if (part.isEmpty()) {
            return;
        }
        Block block;
        try {
            block = Block.parseFrom(part.get());
        } catch (InvalidProtocolBufferException e) {
            sendError(ex, 400, "cannot unmarshal file part " + FORM_DATA_CONFIG_BLOCK_KEY + " into a block: " + e.getMessage());
            return;
        }
        JoinBlockValidator.Valid valid;
        try {
            valid = JoinBlockValidator.validate(block);
        } catch (ParticipationException e) {
            sendError(ex, 400, "invalid join block: " + e.getMessage());
            return;
        }
        ChannelInfo info;
        try {
            info = registrar.joinChannel(valid.channelId(), block);
        } catch (ParticipationException e) {
            LOG.debug("Failed to JoinChannel: {}", e.getMessage());
            String msg = "cannot join: " + e.getMessage();
            switch (e.kind()) {
                case CHANNEL_ALREADY_EXISTS -> sendNotAllowed(ex, msg, "GET", "DELETE");
                case CHANNEL_PENDING_REMOVAL -> sendError(ex, 409, msg);
                case CHANNEL_REMOVAL_FAILURE -> sendError(ex, 500, msg);
                default -> sendError(ex, 400, msg);
            }
            return;
        }
        String url = channelUrl(info.name());
        LOG.debug("Successfully joined channel: {}", url);
        ex.getResponseHeaders().set("Location", url);
        sendJson(ex, 201, info.withUrl(url));
    }

    private void serveUpdate(HttpExchange ex) throws IOException {
        if (!negotiate(ex)) {
            return;
        }
        Optional<byte[]> part = formFile(ex, FORM_DATA_CONFIG_UPDATE_ENVELOPE_KEY);
        if (part.isEmpty()) {
            return;
        }
        Envelope env;
        try {
            env = Envelope.parseFrom(part.get());
        } catch (InvalidProtocolBufferException e) {
            sendError(ex, 400, "cannot unmarshal file part " + FORM_DATA_CONFIG_UPDATE_ENVELOPE_KEY + " into an envelope: "
                    + e.getMessage());
            return;
        }
        String channel;
        try {
            channel = UpdateEnvelopes.channelId(env);
        } catch (ParticipationException e) {
            sendError(ex, 400, "invalid config update envelope: " + e.getMessage());
            return;
        }
        ChannelInfo info;
        try {
            info = registrar.updateChannel(channel, env);
        } catch (ParticipationException e) {
            String msg = "cannot update: " + e.getMessage();
            switch (e.kind()) {
                case CHANNEL_PENDING_REMOVAL -> sendError(ex, 409, msg);
                case CHANNEL_REMOVAL_FAILURE -> sendError(ex, 500, msg);
                case CHANNEL_NOT_EXIST -> sendError(ex, 405, msg);
                case CHANNEL_NOT_READY -> sendError(ex, 403, msg);
                default -> sendError(ex, 400, msg);
            }
            return;
        }
        String url = channelUrl(info.name());
        ex.getResponseHeaders().set("Location", url);
        sendJson(ex, 201, info.withUrl(url));
    }

    private void serveRemove(HttpExchange ex, String channel) throws IOException {
        if (!negotiate(ex) || !validChannelId(ex, channel)) {
            return;
        }
        try {
            registrar.removeChannel(channel);
        } catch (ParticipationException e) {
            LOG.debug("Failed to remove channel: {}, err: {}", channel, e.getMessage());
            String msg = "cannot remove: " + e.getMessage();
            switch (e.kind()) {
                case CHANNEL_NOT_EXIST -> sendError(ex, 404, msg);
                case CHANNEL_PENDING_REMOVAL -> sendError(ex, 409, msg);
                default -> sendError(ex, 400, msg);
            }
            return;
        }
        LOG.debug("Successfully removed channel: {}", channel);
        reply(ex, 204, -1);
    }

    /** The single file part {@code key} of a multipart body, or empty after answering 400 as Fabric does. */
    private Optional<byte[]> formFile(HttpExchange ex, String key) throws IOException {
        MultipartForm form;
        try {
            byte[] body = readLimited(ex.getRequestBody(), maxRequestBodySize);
            form = MultipartForm.parse(body, MultipartForm.boundary(contentType(ex)).orElse(null));
        } catch (BodyTooLarge e) {
            UnreadBodies.closeAfterReply(ex); // Go's MaxBytesReader: the rest of the body is not read
            sendError(ex, 400, "cannot read form from request body: " + e.getMessage());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            sendError(ex, 400, "cannot read form from request body: " + e.getMessage());
            return Optional.empty();
        }
        if (!form.files().containsKey(key)) {
            sendError(ex, 400, "form does not contains part key: " + key);
            return Optional.empty();
        }
        if (form.files().size() != 1 || !form.values().isEmpty()) {
            sendError(ex, 400, "form contains too many parts");
            return Optional.empty();
        }
        return Optional.of(form.files().get(key).get(0));
    }

    /** Go's http.MaxBytesReader: more than {@code limit} bytes is an error, and the rest is not read. */
    private static byte[] readLimited(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > limit) {
                throw new BodyTooLarge();
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** Go's http.MaxBytesError as readLimited reports it. */
    private static final class BodyTooLarge extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge() {
            super("http: request body too large");
        }
    }

    private boolean validChannelId(HttpExchange ex, String channel) throws IOException {
        Optional<String> bad = FabricNames.channelIdError(channel);
        if (bad.isPresent()) {
            sendError(ex, 400, "invalid channel ID: " + bad.get());
            return false;
        }
        return true;
    }

    /** Fabric's ValidateFetchBlockID: newest|oldest|config|(number). */
    static Optional<String> blockIdError(String id) {
        if (id.isEmpty()) {
            return Optional.of("block ID illegal, cannot be empty");
        }
        if (id.equals("newest") || id.equals("oldest") || id.equals("config") || id.matches("[+-]?\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.of("'" + id + "' not equal <newest|oldest|config|(number)>");
    }

    /** Fabric's negotiateContentType: JSON only; answers 406 otherwise. */
    private boolean negotiate(HttpExchange ex) throws IOException {
        String accept = ex.getRequestHeaders().getFirst("Accept");
        if (accept == null || accept.isEmpty()) {
            return true;
        }
        for (String opt : accept.split(",")) {
            if (opt.contains("application/json") || opt.contains("application/*") || opt.contains("*/*")) {
                return true;
            }
        }
        sendError(ex, 406, "response Content-Type is application/json only");
        return false;
    }

    private static String contentType(HttpExchange ex) {
        String ct = ex.getRequestHeaders().getFirst("Content-Type");
        return ct == null ? "" : ct;
    }

    /** Go's %s of a []string: {@code [a b]}. */
    private static String goList(List<String> values) {
        return "[" + (values == null ? "" : String.join(" ", values)) + "]";
    }

    private void sendNotAllowed(HttpExchange ex, String error, String... allow) throws IOException {
        ex.getResponseHeaders().set("Allow", String.join(", ", allow));
        sendError(ex, 405, error);
    }

    private void sendError(HttpExchange ex, int status, String error) throws IOException {
        sendJson(ex, status, Map.of("error", error));
    }

    private void sendJson(HttpExchange ex, int status, Object content) throws IOException {
        byte[] body = (json.writeValueAsString(content) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        reply(ex, status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
