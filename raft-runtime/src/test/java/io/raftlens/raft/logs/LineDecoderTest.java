package io.raftlens.raft.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The envelopes a real orderer line arrives in. The inner line is always the same real Fabric 2.4 line (from
 * {@code logs/real/fabric-2.4.0-single-orderer.log}); what wraps it is what docker, compose, kubectl, Fabric's
 * own {@code %{color}} verbs ({@code fabenc/color.go}: {@code \x1b[%dm}, bold {@code \x1b[%d;1m}, reset
 * {@code \x1b[0m}), its JSON encoder (zap production config with {@code NameKey "name"}) and logfmt add.
 */
class LineDecoderTest {

    private static final String LINE = "2023-08-03 05:41:47.040 UTC 0023 INFO [orderer.consensus.etcdraft] becomeLeader -> "
            + "1 became leader at term 2 channel=mychannel node=1";
    private static final long TIME = Instant.parse("2023-08-03T05:41:47.040Z").toEpochMilli();

    private static void assertLeaderLine(DecodedLine d, String source) {
        assertEquals("1 became leader at term 2", d.message());
        assertEquals("mychannel", d.channel());
        assertEquals("1", d.node());
        assertEquals(source, d.source());
    }

    @Test
    void plainFabricLine() {
        DecodedLine d = LineDecoder.decode(LINE, "f");
        assertLeaderLine(d, "f");
        assertEquals(TIME, d.timeMillis());
    }

    @Test
    void fabricColours() {
        String coloured = "\u001b[34m2023-08-03 05:41:47.040 UTC 0023 INFO\u001b[0m [orderer.consensus.etcdraft] "
                + "\u001b[34;1mbecomeLeader\u001b[0m -> 1 became leader at term 2 channel=mychannel node=1";
        DecodedLine d = LineDecoder.decode(coloured, "f");
        assertLeaderLine(d, "f");
        assertEquals(TIME, d.timeMillis());
    }

    @Test
    void composeKubectlAndTimestampsPrefixes() {
        assertLeaderLine(LineDecoder.decode("orderer2.example.com  | " + LINE, "f"), "orderer2.example.com");
        assertLeaderLine(LineDecoder.decode("orderer2.example.com-1  | " + LINE, "f"), "orderer2.example.com-1");
        assertLeaderLine(LineDecoder.decode("[pod/orderer0-0/orderer] " + LINE, "f"), "orderer0-0");
        DecodedLine ts = LineDecoder.decode("2023-08-03T05:41:47.041234567Z " + LINE, "f");
        assertLeaderLine(ts, "f");
        assertEquals(TIME, ts.timeMillis(), "the orderer's own time wins over docker's");
    }

    @Test
    void dockerJsonFileDriver() {
        String json = "{\"log\":\"\\u001b[34m" + LINE.replace("INFO", "INFO\\u001b[0m") + "\\n\",\"stream\":\"stderr\","
                + "\"time\":\"2023-08-03T05:41:47.041Z\"}";
        assertLeaderLine(LineDecoder.decode(json, "f"), "f");
    }

    @Test
    void fabricJsonAndLogfmtEncoders() {
        String json = "{\"level\":\"info\",\"ts\":1691041307.040,\"name\":\"orderer.consensus.etcdraft\","
                + "\"caller\":\"etcdraft/node.go:120\",\"msg\":\"1 became leader at term 2\",\"channel\":\"mychannel\",\"node\":1}";
        DecodedLine d = LineDecoder.decode(json, "f");
        assertLeaderLine(d, "f");
        assertEquals(TIME, d.timeMillis());
        String logfmt = "level=info ts=1691041307.04 name=orderer.consensus.etcdraft caller=etcdraft/node.go:120 "
                + "msg=\"1 became leader at term 2\" channel=mychannel node=1";
        DecodedLine l = LineDecoder.decode(logfmt, "f");
        assertLeaderLine(l, "f");
        assertEquals(TIME, l.timeMillis());
    }

    @Test
    void fabric14AndDocsForms() {
        DecodedLine d = LineDecoder.decode("2019-08-21 17:05:52.544 UTC [orderer.consensus.etcdraft] becomeLeader -> INFO 05d "
                + "3 became leader at term 2 channel=mychannel node=3", "f");
        assertEquals("3 became leader at term 2", d.message());
        assertEquals(Instant.parse("2019-08-21T17:05:52.544Z").toEpochMilli(), d.timeMillis());
        DecodedLine docs = LineDecoder.decode("INFO 087 raft.node: 1 elected leader 1 at term 2 channel=channel1 node=1", "f");
        assertEquals("raft.node: 1 elected leader 1 at term 2", docs.message());
        assertEquals("channel1", docs.channel());
        assertEquals(DecodedLine.NO_TIME, docs.timeMillis());
    }

    @Test
    void linesThatCannotMatterAreDroppedEarly() {
        assertNull(LineDecoder.decode("2023-08-03 05:41:56.403 UTC 002c INFO [orderer.consensus.etcdraft] writeBlock -> "
                + "Writing block [1] (Raft index: 3) to ledger channel=mychannel node=1", "f"));
    }

    @Test
    void hexIdsBecomeDecimalInFabricLines() {
        LogEvent e = RaftLogMessages.recognise(LineDecoder.decode("2023-08-03 05:41:47.040 UTC 0023 INFO "
                + "[orderer.consensus.etcdraft] becomeLeader -> a became leader at term 2 channel=mychannel node=10", "f"), 0, "f");
        assertEquals("10", e.node());
        LogEvent etcd = RaftLogMessages.recognise(LineDecoder.decode("raft2016/03/24 17:52:12 INFO: 350c61c9b855e64e "
                + "[quorum:3] has received 1 votes and 0 vote rejections", "f"), 0, "f");
        assertEquals("350c61c9b855e64e", etcd.node());
        assertEquals(LogEvent.Kind.TALLY, etcd.kind());
    }
}
