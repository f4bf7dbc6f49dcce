package io.raftlens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.raftlens.raft.orderer.BlockFactory;
import io.raftlens.raft.orderer.Blocks;
import io.raftlens.raft.orderer.FileLedger;
import io.raftlens.raft.orderer.GenesisBlock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.etcdraft.BlockMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code raftlens ledger verify|dump} on real ledgers in temporary data dirs. */
class LedgerCommandTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Writes a ledger of genesis + {@code blocks} blocks of two transactions to NODE/ledger/CHANNEL. */
    private static List<Block> writeLedger(Path node, String channel, int blocks) {
        BatchSize size = BatchSize.newBuilder().setMaxMessageCount(10).setAbsoluteMaxBytes(1 << 20)
                .setPreferredMaxBytes(1 << 19).build();
        ConfigMetadata raft = ConfigMetadata.newBuilder().addConsenters(Consenter.newBuilder()
                .setHost("orderer1.example.com").setPort(7050)).build();
        Block genesis = GenesisBlock.create(channel, size, Duration.ofSeconds(2), raft);
        BlockFactory factory = new BlockFactory(genesis.getHeader());
        List<Block> chain = new java.util.ArrayList<>(List.of(genesis));
        for (int i = 1; i <= blocks; i++) {
            Block b = factory.createNextBlock(List.of(tx("tx " + i + "a"), tx("tx " + i + "b")));
            chain.add(Blocks.withOrdererMetadata(b, 0, BlockMetadata.newBuilder().addConsenterIds(1)
                    .setNextConsenterId(2).setRaftIndex(i + 1L).build()));
        }
        try (FileLedger l = FileLedger.open(node.resolve("ledger").resolve(channel))) {
            chain.forEach(l::append);
        }
        return chain;
    }

    private static Envelope tx(String s) {
        return Envelope.newBuilder().setPayload(ByteString.copyFromUtf8(s)).build();
    }

    @Test
    void verifyValidLedgerAsJsonAndText() {
        Path node = tmp.resolve("data/orderer1.example.com");
        writeLedger(node, "mychannel", 3);
        Run json = run("ledger", "verify", node.toString(), "--json");
        assertEquals(0, json.exit(), json.err());
        assertEquals("{\"channel\":\"mychannel\",\"height\":4,\"transactions\":6,\"valid\":true,\"firstBadBlock\":null,"
                + "\"signedBlocks\":0,\"signatureCheck\":\"BlockValidation\"}\n",
                json.out());
        Run text = run("ledger", "verify", node.toString());
        assertEquals(0, text.exit());
        assertEquals("mychannel: valid, height 4, 6 transactions\n", text.out());
    }

    @Test
    void verifyReportsABrokenLedgerWithExitOne() throws Exception {
        Path node = tmp.resolve("data/orderer2.example.com");
        writeLedger(node, "mychannel", 3);
        writeLedger(node, "second", 1);
        Path file = node.resolve("ledger/mychannel/blockfile_000000");
        byte[] data = Files.readAllBytes(file);
        data[data.length - 10] ^= 0x20; // damage the last block's bytes: CRC mismatch there
        Files.write(file, data);
        Run r = run("ledger", "verify", node.toString(), "--json");
        assertEquals(1, r.exit());
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("{\"channel\":\"mychannel\",\"height\":3,\"transactions\":4,\"valid\":false,\"firstBadBlock\":3,\"reason\":"),
                lines[0]);
        assertTrue(lines[1].contains("\"channel\":\"second\"") && lines[1].contains("\"valid\":true"), lines[1]);
        Run only = run("ledger", "verify", node.toString(), "--channel", "second");
        assertEquals(0, only.exit());
        assertEquals("second: valid, height 2, 2 transactions\n", only.out());
    }

    @Test
    void dumpPrintsOneJsonLinePerBlock() {
        Path node = tmp.resolve("data/orderer1.example.com");
        List<Block> chain = writeLedger(node, "mychannel", 2);
        Run r = run("ledger", "dump", node.toString(), "--channel", "mychannel");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(3, lines.length);
        String b64 = java.util.Base64.getEncoder().encodeToString(chain.get(2).getData().getData(1).toByteArray());
        assertTrue(lines[2].startsWith("{\"number\":2,\"previousHash\":\""), lines[2]);
        assertTrue(lines[2].endsWith("\"raftIndex\":3,\"transactions\":[\""
                + java.util.Base64.getEncoder().encodeToString(chain.get(2).getData().getData(0).toByteArray())
                + "\",\"" + b64 + "\"]}"), lines[2]);
    }

    @Test
    void usageProblemsAreOneLineWithExitTwo() {
        Path data = tmp.resolve("data");
        writeLedger(data.resolve("orderer1.example.com"), "mychannel", 1);
        writeLedger(data.resolve("orderer1.example.com"), "other", 1);
        writeLedger(data.resolve("orderer2.example.com"), "mychannel", 1);

        Run network = run("ledger", "verify", data.toString());
        assertEquals(2, network.exit());
        assertEquals("raftlens ledger verify: " + data + " is a network data dir with nodes orderer1.example.com, "
                + "orderer2.example.com; pass one node's dir, e.g. " + data.resolve("orderer1.example.com") + "\n",
                network.err());

        Run missing = run("ledger", "verify", tmp.resolve("nope").toString());
        assertEquals(2, missing.exit());
        assertEquals("raftlens ledger verify: no such directory: " + tmp.resolve("nope") + "\n", missing.err());

        Run channel = run("ledger", "dump", data.resolve("orderer1.example.com").toString(), "--channel", "x");
        assertEquals(2, channel.exit());
        assertTrue(channel.err().contains("no ledger for channel x in") && channel.err().contains("(channels: mychannel, other)"),
                channel.err());

        Run ambiguous = run("ledger", "dump", data.resolve("orderer1.example.com").toString());
        assertEquals(2, ambiguous.exit());
        assertTrue(ambiguous.err().endsWith("has channels mychannel, other; choose one with --channel NAME\n"),
                ambiguous.err());

        Run noArgs = run("ledger", "verify");
        assertEquals(2, noArgs.exit());
        assertTrue(noArgs.err().contains("Missing required parameter: 'DATA_DIR'"), noArgs.err());
        assertEquals(2, run("ledger").exit());
        Run help = run("ledger", "verify", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().startsWith("Usage: raftlens ledger verify [-h] [--json] [--channel=NAME] DATA_DIR"), help.out());
        for (Run r : List.of(network, missing, channel, ambiguous)) {
            assertEquals(1, r.err().split("\n").length, "one line: " + r.err());
            assertTrue(!r.err().contains("\tat "), "no stack trace");
        }
    }
}
