package io.raftlens.raft.security;

import io.raftlens.raft.ids.NodeId;
import io.raftlens.raft.network.ConsenterPlan;
import io.raftlens.raft.network.DataDirectory;
import io.raftlens.raft.network.GenesisBlocks;
import io.raftlens.raft.network.LocalNetwork;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.network.NodeIdentities;
import io.raftlens.raft.node.ChainOptions;
import io.raftlens.raft.node.NodeSpec;
import io.raftlens.raft.orderer.LedgerDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No path in a config can make RaftLens write outside its data dir: Consensus.WALDir / SnapDir of orderer.yaml
 * and the consenter Host of configtx.yaml (which names the node's folder) either stay under the data dir or are
 * refused with a clear error before anything is written.
 */
class ConfigPathsStayInDataDirTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultLayoutStaysInsideTheDataDir() {
        NodeSpec spec = spec("orderer1.example.com", null, null);
        assertInside(spec);
    }

    @Test
    void fabricsStockAbsoluteWalAndSnapDirsAreKeptPerNodeInsideTheDataDir() {
        NodeSpec spec = spec("orderer1.example.com", "/var/hyperledger/production/orderer/etcdraft/wal",
                "/var/hyperledger/production/orderer/etcdraft/snapshot");
        assertInside(spec);
        assertTrue(spec.walDir().startsWith(spec.dataDir()), spec.walDir() + " under " + spec.dataDir());
        assertTrue(spec.snapDir().startsWith(spec.dataDir()), spec.snapDir() + " under " + spec.dataDir());
    }

    @ParameterizedTest(name = "WALDir={1} SnapDir={2} Host={0}")
    @CsvSource(nullValues = "-", value = {
            "orderer1.example.com, ../../../escaped-wal, -",
            "orderer1.example.com, -, ../../escaped-snap",
            "orderer1.example.com, /tmp/raftlens-escaped-wal, -",
            "orderer1.example.com, wal/../../../../escaped, -",
            "../../escaped-host, -, -"})
    void pathsFromTheConfigCannotLeaveTheDataDir(String host, String walDir, String snapDir) {
        NodeSpec spec;
        try {
            spec = spec(host, walDir, snapDir);
        } catch (IllegalStateException | IllegalArgumentException refused) {
            assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank(), "a clear reason");
            return; // refused before anything is written: fine
        }
        assertInside(spec);
    }

    private NodeSpec spec(String host, String walDir, String snapDir) {
        Path root = dir.resolve("data");
        ConsenterPlan c = new ConsenterPlan(NodeId.of(1), host, 7050, null, null, "configtx.yaml:12");
        ChainOptions ch = new ChainOptions("mychannel", List.of(1L), Duration.ofMillis(100), 10, 1, 5, 16L << 20, 10,
                10 << 20, 2 << 20, Duration.ofMillis(20));
        NetworkPlan plan = new NetworkPlan(dir.resolve("configtx.yaml"), "P", List.of(c), Map.of("mychannel", ch),
                "127.0.0.1", 0, walDir, snapDir, 100);
        DataDirectory data = DataDirectory.prepare(root, plan, false);
        return LocalNetwork.specFor(plan, data, c, NodeIdentities.resolve(plan, root.resolve("devca")), GenesisBlocks.of(plan));
    }

    private void assertInside(NodeSpec spec) {
        Path root = dir.resolve("data").toAbsolutePath().normalize();
        LedgerDirectory layout = new LedgerDirectory(spec.dataDir(), spec.walDir(), spec.snapDir());
        for (Path p : List.of(spec.dataDir(), spec.walDir(), spec.snapDir(), layout.walDir("mychannel"),
                layout.snapDir("mychannel"), layout.ledgerDir("mychannel"))) {
            Path abs = p.toAbsolutePath().normalize();
            assertTrue(abs.startsWith(root), abs + " is outside the data dir " + root);
        }
    }
}
