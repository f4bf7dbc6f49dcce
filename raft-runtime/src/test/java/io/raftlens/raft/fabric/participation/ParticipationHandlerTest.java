package io.raftlens.raft.fabric.participation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request handling of Fabric's restapi.go that needs no orderer behind it: form parsing and its refusals, the
 * body limit, block ids, the redirect and unknown paths. Plain HTTP on 127.0.0.1 (the TLS side is in
 * ParticipationApiTest); well under a second.
 */
class ParticipationHandlerTest {

    private AdminServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = AdminServer.start("127.0.0.1", 0, new NoChannels(), Optional.empty(), 1024);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create(server.url() + path));
    }

    private static byte[] form(String boundary, String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String p : parts) {
            out.writeBytes(("--" + boundary + "\r\n" + p + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private HttpResponse<String> post(String method, String contentType, byte[] body) throws Exception {
        return send(at("/participation/v1/channels").header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    @Test
    void emptyListIsGosNilSlice() throws Exception {
        HttpResponse<String> r = send(at("/participation/v1/channels").GET());
        assertEquals(200, r.statusCode());
        assertEquals("{\"systemChannel\":null,\"channels\":null}\n", r.body());
    }

    @Test
    void formRefusalsAsFabricWordsThem() throws Exception {
        String file = "Content-Disposition: form-data; name=\"config-block\"; filename=\"config.block\"\r\n\r\nxx";
        String other = "Content-Disposition: form-data; name=\"other\"; filename=\"o\"\r\n\r\nyy";
        String value = "Content-Disposition: form-data; name=\"note\"\r\n\r\nhello";
        String ct = "multipart/form-data; boundary=b0";

        assertEquals("{\"error\":\"form does not contains part key: config-block\"}\n",
                post("POST", ct, form("b0", other)).body());
        assertEquals("{\"error\":\"form contains too many parts\"}\n", post("POST", ct, form("b0", file, other)).body());
        assertEquals("{\"error\":\"form contains too many parts\"}\n", post("POST", ct, form("b0", file, value)).body());
        HttpResponse<String> big = post("POST", ct, form("b0", file + "x".repeat(2048)));
        assertEquals(400, big.statusCode());
        assertEquals("{\"error\":\"cannot read form from request body: http: request body too large\"}\n", big.body());
        // Go's MaxBytesReader: the rest of the body is not read, so the connection is not reused, and the response says so
        assertEquals("close", big.headers().firstValue("Connection").orElse(""), big.headers().map().toString());
        // a parsable empty block is not a config block
        assertEquals("{\"error\":\"invalid join block: block is not a config block\"}\n",
                post("POST", "multipart/form-data; boundary=\"b0\"", form("b0",
                        "Content-Disposition: form-data; name=\"config-block\"; filename=\"config.block\"\r\n\r\n")).body());
        HttpResponse<String> update = post("PUT", ct, form("b0", file));
        assertEquals(400, update.statusCode());
        assertEquals("{\"error\":\"form does not contains part key: config-update-envelope\"}\n", update.body());
        HttpResponse<String> noType = send(at("/participation/v1/channels").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals("{\"error\":\"unsupported Content-Type: []\"}\n", noType.body());
    }

    @Test
    void blockIdsRedirectAndUnknownPaths() throws Exception {
        HttpResponse<String> badId = send(at("/participation/v1/channels/mychannel/blocks/latest").GET());
        assertEquals(400, badId.statusCode());
        assertEquals("{\"error\":\"invalid block ID: 'latest' not equal <newest|oldest|config|(number)>\"}\n", badId.body());
        HttpResponse<String> missing = send(at("/participation/v1/channels/mychannel/blocks/7").GET());
        assertEquals(404, missing.statusCode());
        assertEquals("{\"error\":\"channel does not exist\"}\n", missing.body());
        HttpResponse<String> postBlock = send(at("/participation/v1/channels/mychannel/blocks/7").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(405, postBlock.statusCode());
        assertEquals("GET", postBlock.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> base = http.send(at("/participation/v1/").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, base.statusCode());
        HttpResponse<String> unknown = send(at("/participation/v1/channels/a/b").GET());
        assertEquals(404, unknown.statusCode());
        assertEquals("404 page not found\n", unknown.body());
    }
}
