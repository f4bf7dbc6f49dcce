package io.raftlens.raft.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.raftlens.raft.fabric.participation.ChannelStatus;
import io.raftlens.raft.fabric.participation.ConsensusRelation;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reading a channel participation API's answers in Fabric's JSON (types.ChannelList / types.ChannelInfo), served on
 * 127.0.0.1: Go's nil slice ({@code "channels":null}) is no channel, and a relation or status Fabric does not define
 * is an error naming it, not a guess.
 */
class ParticipationStatusTest {

    private HttpServer server;
    private volatile String list;
    private volatile String info;

    private String serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/participation/v1/channels", x -> {
            byte[] b = (x.getRequestURI().getPath().endsWith("/channels") ? list : info).getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, b.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsChannelsAndRefusesWhatFabricDoesNotDefine() throws Exception {
        String url = serve();
        OperationsClient client = new OperationsClient(null, null, null, Duration.ofSeconds(2));
        list = "{\"systemChannel\":null,\"channels\":null}";
        ParticipationStatus none = ParticipationStatus.poll(client, "orderer1.example.com", url, Duration.ofSeconds(2), null);
        assertTrue(none.reachable() && none.channels().isEmpty(), none.toString());

        list = "{\"systemChannel\":null,\"channels\":[{\"name\":\"mychannel\",\"url\":\"/participation/v1/channels/mychannel\"}]}";
        info = "{\"name\":\"mychannel\",\"url\":\"/participation/v1/channels/mychannel\",\"consensusRelation\":\"follower\","
                + "\"status\":\"onboarding\",\"height\":3}";
        ParticipationStatus one = ParticipationStatus.poll(client, "orderer1.example.com", url, Duration.ofSeconds(2), null);
        assertEquals(ConsensusRelation.FOLLOWER, one.channels().get("mychannel").consensusRelation());
        assertEquals(ChannelStatus.ONBOARDING, one.channels().get("mychannel").status());
        assertEquals(3, one.channels().get("mychannel").height());
        assertEquals("follower, onboarding", ParticipationStatus.describe(one.channels().get("mychannel")));

        info = info.replace("onboarding", "sleeping");
        ParticipationStatus odd = ParticipationStatus.poll(client, "orderer1.example.com", url, Duration.ofSeconds(2), null);
        assertFalse(odd.reachable());
        assertEquals("GET /participation/v1/channels/mychannel: unknown status \"sleeping\" (" + url + ")", odd.error());
    }
}
