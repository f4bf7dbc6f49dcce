package io.raftlens.raft.transport;

import static io.raftlens.raft.transport.TestNode.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.raftlens.raft.node.TransportBlockSource;
import io.raftlens.raft.orderer.Blocks;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link TransportBlockSource} over real transports: node 1 pulls from consenters 2 and 3. */
@Timeout(60)
class TransportBlockSourceTest {
    static final String CH = "mychannel";

    @TempDir
    Path dir;

    private final List<TestNode> nodes = new CopyOnWriteArrayList<>();
    private final List<Long> askedOfNode2 = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() {
        nodes.forEach(TestNode::close);
    }

    static Block block(long number, String tx) {
        BlockData data = BlockData.newBuilder().addData(ByteString.copyFromUtf8(tx)).build();
        Block.Builder b = Blocks.newBlock(number, new byte[32]).setData(data);
        b.getHeaderBuilder().setDataHash(ByteString.copyFrom(Blocks.dataHash(data)));
        return b.build();
    }

    /** Node 2's block 5 has been tampered with (data no longer matches its header); node 3's is intact. */
    private Optional<byte[]> node2(String channel, long number) {
        askedOfNode2.add(number);
        if (number == 5) {
            Block good = block(5, "tx-5");
            return Optional.of(good.toBuilder().setData(BlockData.newBuilder()
                    .addData(ByteString.copyFromUtf8("forged"))).build().toByteArray());
        }
        return number == 6 ? Optional.of(block(6, "tx-6").toByteArray()) : Optional.empty();
    }

    private static Optional<byte[]> node3(String channel, long number) {
        return number == 5 || number == 6 ? Optional.of(block(number, "tx-" + number).toByteArray()) : Optional.empty();
    }

    private TransportBlockSource source(boolean running) throws InterruptedException {
        DevCa ca = DevCa.loadOrCreate(dir.resolve("crypto"), "example.com");
        TlsMaterial[] tls = new TlsMaterial[4];
        for (int id = 1; id <= 3; id++) {
            tls[id] = ca.nodeMaterial("orderer" + id + ".example.com");
        }
        Map<Long, X509Certificate> consenters = Map.of(1L, tls[1].certificate(), 2L, tls[2].certificate(),
                3L, tls[3].certificate());
        TestNode puller = new TestNode(1, tls[1], TestNode.config(1, tls[1]).channelMembers(CH, consenters));
        nodes.add(puller);
        nodes.add(new TestNode(2, tls[2], TestNode.config(2, tls[2]).channelMembers(CH, consenters)
                .blockProvider(this::node2)));
        nodes.add(new TestNode(3, tls[3], TestNode.config(3, tls[3]).channelMembers(CH, consenters)
                .blockProvider(TransportBlockSourceTest::node3)));
        for (TestNode peer : nodes.subList(1, 3)) {
            puller.transport.addPeer(peer.endpoint());
            assertTrue(puller.transport.awaitConnected(peer.id, TIMEOUT));
        }
        return new TransportBlockSource(1, Map.of(CH, List.of(1L, 2L, 3L)),
                () -> running ? puller.transport : null, Duration.ofSeconds(5));
    }

    @Test
    void aTamperedAnswerIsSkippedAndTheNextConsenterServesTheBlock() throws Exception {
        TransportBlockSource source = source(true);
        assertEquals(Optional.of(block(5, "tx-5")), source.block(CH, 5));
        assertEquals(List.of(5L), askedOfNode2, "node 2 is asked first, and once");
        // node 3 served the last block, so it is asked first for the next one
        assertEquals(Optional.of(block(6, "tx-6")), source.block(CH, 6));
        assertEquals(List.of(5L), askedOfNode2);
    }

    @Test
    void aBlockNoConsenterHasIsNotAvailable() throws Exception {
        TransportBlockSource source = source(true);
        assertEquals(Optional.empty(), source.block(CH, 7));
        assertEquals(Optional.empty(), source.block("otherchannel", 5), "no consenters known for the channel");
    }

    @Test
    void aStoppedNodePullsNothing() throws Exception {
        assertEquals(Optional.empty(), source(false).block(CH, 5));
        assertEquals(List.of(), askedOfNode2);
    }
}
