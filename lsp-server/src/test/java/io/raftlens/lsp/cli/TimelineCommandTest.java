package io.raftlens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.raftlens.raft.fabricledger.FabricBlockSerialization;
import io.raftlens.raft.orderer.Blocks;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code raftlens timeline} on real orderer logs, and {@code raftlens ledger} on a Fabric-format ledger. */
class TimelineCommandTest {

    private static final Path REAL = Path.of("../raft-runtime/src/test/resources/logs/real");

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void timelineOfTwoOrderersLogs() {
        Run r = run("timeline", REAL.resolve("fabric-1.4-byfn-orderer3.log").toString(),
                REAL.resolve("fabric-1.4-byfn-orderer2.log").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("node 3 at term 1: pre-votes 3 granted/0 rejected, candidate at term 2, votes 3 granted/0 "
                + "rejected, WON, leader at term 2 after 4 ms"), r.out());
        Run json = run("timeline", "--format", "json", "--channel", "mychannel", REAL.resolve("fabric-1.4-byfn-orderer3.log").toString());
        assertTrue(json.out().contains("\"leaderTerm\" : 2") && !json.out().contains("byfn-sys-channel"), json.out());
        Run svg = run("timeline", "--format", "svg", REAL.resolve("fabric-2.4.0-single-orderer.log").toString());
        assertTrue(svg.out().startsWith("<svg"), svg.out());
    }

    @Test
    void clearErrors() throws Exception {
        Run missing = run("timeline", tmp.resolve("nope.log").toString());
        assertEquals(2, missing.exit());
        assertEquals("raftlens timeline: no such file: " + tmp.resolve("nope.log") + "\n", missing.err());
        Path quiet = Files.writeString(tmp.resolve("peer.log"), "2023-08-03 05:41:56.403 UTC 002c INFO [gossip] x -> hello\n");
        Run none = run("timeline", quiet.toString());
        assertEquals(1, none.exit());
        assertTrue(none.err().startsWith("raftlens timeline: no Raft election lines found in 1 lines"), none.err());
    }

    @Test
    void ledgerVerifyAndDumpReadAFabricOrderersLedger() throws Exception {
        Path chain = Files.createDirectories(tmp.resolve("production/orderer/chains/mychannel"));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        byte[] prev = null;
        for (long n = 0; n < 3; n++) {
            BlockData data = BlockData.newBuilder().addData(ByteString.copyFromUtf8("tx" + n)).build();
            Block.Builder b = Blocks.newBlock(n, prev).setData(data);
            b.getHeaderBuilder().setDataHash(ByteString.copyFrom(Blocks.dataHash(data)));
            file.writeBytes(FabricBlockSerialization.record(b.build()));
            prev = Blocks.headerHash(b.getHeader());
        }
        Files.write(chain.resolve("blockfile_000000"), file.toByteArray());
        Run verify = run("ledger", "verify", tmp.resolve("production/orderer").toString());
        assertEquals(0, verify.exit(), verify.err());
        assertEquals("mychannel: valid (Fabric ledger), height 3, 3 transactions, signatures: skipped: no config block\n", verify.out());
        Run dump = run("ledger", "dump", chain.toString());
        assertEquals(0, dump.exit(), dump.err());
        assertEquals(3, dump.out().lines().count());
        assertTrue(dump.out().lines().findFirst().orElseThrow().startsWith("{\"number\":0,\"previousHash\":\"\""), dump.out());
        Files.write(chain.resolve("blockfile_000000"), java.util.Arrays.copyOf(file.toByteArray(), file.size() - 3));
        Run cut = run("ledger", "verify", "--json", tmp.resolve("production/orderer").toString());
        assertEquals(1, cut.exit());
        assertTrue(cut.out().contains("\"valid\":false,\"firstBadBlock\":2,\"reason\":\"blockfile_000000 is truncated"), cut.out());
    }
}
