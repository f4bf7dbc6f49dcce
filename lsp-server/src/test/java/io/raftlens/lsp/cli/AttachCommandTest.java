package io.raftlens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.metrics.ChannelRaftMetrics;
import io.raftlens.raft.metrics.HealthRegistry;
import io.raftlens.raft.metrics.OperationsServer;
import io.raftlens.raft.metrics.OrdererMetrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code raftlens attach} against a RaftLens node's operations endpoint (127.0.0.1, ephemeral port). */
class AttachCommandTest {

    @Test
    void printsTheTableOfAttachedOrderers() {
        OrdererMetrics metrics = new OrdererMetrics();
        ChannelRaftMetrics ch = metrics.etcdraft().forChannel("mychannel", 3, 7);
        ch.isLeader(true);
        ch.activeNodes(3);
        ch.leaderChanged();
        try (OperationsServer ops = OperationsServer.start("127.0.0.1", 0, metrics, new HealthRegistry())) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute("attach", "../samples/three-orderers/configtx.yaml", "--count", "1",
                    "--ops", "orderer1.example.com=http://127.0.0.1:" + ops.address().getPort(),
                    "--ops", "orderer2.example.com=http://127.0.0.1:1");
            assertEquals(0, exit, err.toString());
            String table = out.toString();
            assertTrue(table.lines().anyMatch(l -> l.matches("orderer1\\.example\\.com\\s+mychannel\\s+LEADER\\s+8\\s+3\\s+3\\s+1\\s+OK")), table);
            assertTrue(table.lines().anyMatch(l -> l.startsWith("orderer2.example.com") && l.contains("DOWN")
                    && l.contains("connection refused at http://127.0.0.1:1")), table);
        }
    }
}
