package io.raftlens.raft.orderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.HardState;
import io.raftlens.raft.wal.RaftDisk;
import io.raftlens.raft.wal.WalOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.etcdraft.BlockMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node driver's persist → apply path on one node, without the Raft core: blocks cut by the BlockCutter
 * are Raft entries made durable in the WAL, then written to the ledger with their Raft index. After a crash
 * that drops everything unsynced, the applied index is read back from the ledger's last block (as Fabric's
 * chain does) and the committed entries after it are re-applied: every acknowledged transaction is in the
 * ledger exactly once and the ledger verifies.
 */
class CrashRecoveryFlowTest {
    @TempDir
    Path tmp;

    private final List<String> acknowledged = new ArrayList<>();
    private int reapplied;

    private final class Node implements AutoCloseable {
        final LedgerDirectory layout = new LedgerDirectory(tmp.resolve("orderer1.example.com"));
        final RaftDisk disk = RaftDisk.open(layout.walDir("mychannel"), layout.snapDir("mychannel"),
                ByteString.copyFromUtf8("test mychannel 1"), WalOptions.defaults("channel mychannel node 1"));
        final FileLedger ledger = FileLedger.open(layout.ledgerDir("mychannel"));
        final BlockCutter cutter = new BlockCutter(BlockCutterTest.size(7, 1 << 20, 1 << 19), Duration.ofSeconds(2),
                new BlockCutterTest.FakeTimer());
        long lastIndex;
        long commit;
        BlockFactory factory;

        Node() {
            if (ledger.height() == 0) {
                ledger.append(ChainFixture.genesis("mychannel"));
            }
            RaftDisk.Recovered r = disk.recovered();
            commit = r.hardState().getCommit();
            lastIndex = r.entries().isEmpty() ? r.snapshotIndex() : r.entries().get(r.entries().size() - 1).getIndex();
            // replay: entries committed but not yet in the ledger
            long applied = ledger.lastBlock().flatMap(b -> Blocks.raftIndex(b).isPresent()
                    ? java.util.Optional.of(Blocks.raftIndex(b).getAsLong()) : java.util.Optional.empty()).orElse(0L);
            for (Entry e : r.entries()) {
                if (e.getIndex() > applied && e.getIndex() <= commit) {
                    apply(e);
                    reapplied++;
                }
            }
            ledger.sync();
            factory = new BlockFactory(ledger.lastBlock().orElseThrow().getHeader());
        }

        void broadcast(String tx) throws Exception {
            for (List<Envelope> batch : cutter.ordered(ChainFixture.tx(tx)).batches()) {
                propose(batch);
            }
        }

        void flush() throws Exception {
            List<Envelope> batch = cutter.timeout();
            if (!batch.isEmpty()) {
                propose(batch);
            }
        }

        private void propose(List<Envelope> batch) throws Exception {
            Block block = factory.createNextBlock(batch);
            Entry entry = Entry.newBuilder().setTerm(1).setIndex(++lastIndex).setData(block.toByteString()).build();
            // persist (entry and commit index; one node is its own quorum), then apply
            disk.persist(null, HardState.newBuilder().setTerm(1).setVote(1).setCommit(lastIndex).build(),
                    List.of(entry), true).join();
            commit = lastIndex;
            apply(entry);
            for (Envelope e : batch) {
                acknowledged.add(e.getPayload().toStringUtf8()); // SUCCESS once ordered into a committed block
            }
        }

        private void apply(Entry e) {
            try {
                Block b = Block.parseFrom(e.getData());
                if (b.getHeader().getNumber() != ledger.height()) {
                    return; // already written
                }
                // unsynced: the WAL has the entry, a crash only costs a re-apply
                ledger.append(Blocks.withOrdererMetadata(b, 0, BlockMetadata.newBuilder().addConsenterIds(1)
                        .setNextConsenterId(2).setRaftIndex(e.getIndex()).build()), false);
            } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                throw new IllegalStateException(ex);
            }
        }

        void crash() {
            disk.kill();
            ledger.kill();
        }

        @Override
        public void close() {
            disk.close();
            ledger.close();
        }
    }

    @Test
    void everyAcknowledgedTransactionSurvivesCrashesExactlyOnce() throws Exception {
        int tx = 0;
        for (int round = 0; round < 4; round++) {
            Node node = new Node();
            for (int i = 0; i < 25; i++) {
                node.broadcast("tx " + tx++);
            }
            if (round % 2 == 0) {
                node.flush();
            }
            node.crash(); // pending (uncut) transactions were never acknowledged
        }
        try (Node node = new Node()) {
            assertTrue(reapplied > 0, "the crashes dropped unsynced blocks that were re-applied from the WAL");
            assertTrue(LedgerVerifier.verify("mychannel", node.layout.ledgerDir("mychannel")).valid());
            Map<String, Integer> seen = new HashMap<>();
            node.ledger.iterator(1).forEachRemaining(b -> b.getData().getDataList().forEach(d -> {
                try {
                    seen.merge(Envelope.parseFrom(d).getPayload().toStringUtf8(), 1, Integer::sum);
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    throw new IllegalStateException(e);
                }
            }));
            for (String a : acknowledged) {
                assertEquals(1, seen.getOrDefault(a, 0), a);
            }
            assertEquals(acknowledged.size(), seen.size());
            long raftIndex = Blocks.raftIndex(node.ledger.lastBlock().orElseThrow()).getAsLong();
            assertEquals(node.lastIndex, raftIndex);
        }
    }
}
