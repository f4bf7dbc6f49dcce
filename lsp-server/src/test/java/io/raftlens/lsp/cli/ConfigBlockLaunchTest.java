package io.raftlens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.network.DataDirectory;
import io.raftlens.raft.network.LocalNetwork;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.network.NetworkPlanner;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code raftlens launch --config-block}: a block made by {@code raftlens configtxgen -outputBlock} for
 * samples/three-orderers (moved to free ports) starts the channel: block 0 of every node is the file, byte for byte,
 * and the three nodes elect a leader. A block for other consenters is refused with what differs.
 */
@Timeout(120)
class ConfigBlockLaunchTest {

    @TempDir
    Path dir;

    @Test
    void aConfigtxgenBlockLaunchesByteForByte() throws Exception {
        Path configtx = sampleOnFreePorts();
        Path block = dir.resolve("mychannel.block");
        ConfigtxgenCommandTest.Run made = ConfigtxgenCommandTest.run("configtxgen", "-profile", "ChannelUsingRaft",
                "-outputBlock", block.toString(), "-channelID", "mychannel", "-configPath", configtx.getParent().toString());
        assertEquals(0, made.exit(), made.err());

        PlanOptions options = new PlanOptions();
        options.tick = "100ms";
        options.opsBasePort = 0;
        options.configBlocks = List.of(block);
        NetworkPlan plan = options.withConfigBlocks(NetworkPlanner.plan(options.request(configtx)));
        assertEquals(List.of("mychannel"), List.copyOf(plan.channels().keySet()));

        byte[] expected = Files.readAllBytes(block);
        try (LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, true))) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (net.leader("mychannel") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(net.leader("mychannel") != 0, "no leader elected on mychannel within 30s");
            for (long id = 1; id <= 3; id++) {
                byte[] zero = net.node(id).orElseThrow().block("mychannel", 0).orElseThrow().toByteArray();
                assertArrayEquals(expected, zero, "block 0 of node " + id);
            }
        }
    }

    @Test
    void aBlockForOtherConsentersIsRefusedByLaunch() throws Exception {
        Path configtx = sampleOnFreePorts();
        Path fabric = ConfigtxgenCommandTest.FABRIC.resolve("channel-artifacts/mychannel.block");
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        int exit;
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8)); // launch reports on System.err
        try {
            exit = ConfigtxgenCommandTest.run("launch", configtx.toString(), "--config-block", fabric.toString(),
                    "--data-dir", dir.resolve("data").toString(), "--control-port", "0").exit();
        } finally {
            System.setErr(saved);
        }
        String err = captured.toString(StandardCharsets.UTF_8);
        assertEquals(1, exit, err);
        assertTrue(err.startsWith("raftlens launch: " + fabric + " does not match profile ChannelUsingRaft of " + configtx), err);
        assertTrue(err.contains("consenter orderer.example.com:7050 is in the block but the launch has no node for it"), err);
        assertTrue(err.contains("launch the profile the block was made from"), err);
    }

    /** samples/three-orderers copied with its consenters on free loopback ports (the block embeds Host:Port). */
    private Path sampleOnFreePorts() throws IOException {
        Path sample = Path.of("..", "samples", "three-orderers");
        Path copy = dir.resolve("three-orderers");
        try (Stream<Path> files = Files.walk(sample)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = copy.resolve(sample.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        Path configtx = copy.resolve("configtx.yaml");
        String text = Files.readString(configtx, StandardCharsets.UTF_8);
        int[] ports = freePorts(3);
        String[] sampled = {"7050", "8050", "9050"};
        for (int i = 0; i < 3; i++) {
            text = text.replace("Port: " + sampled[i], "Port: " + ports[i]).replace(":" + sampled[i], ":" + ports[i]);
        }
        Files.writeString(configtx, text, StandardCharsets.UTF_8);
        return configtx;
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] out = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                held.add(s);
                out[i] = s.getLocalPort();
            }
            return out;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }
}
