package io.raftlens.raft.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.ConfigtxLoader;
import io.raftlens.config.yaml.YamlParser;
import io.raftlens.raft.node.ChainOptions;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --config-block}: channels that start from blocks made by Fabric's own configtxgen (fixtures under
 * {@code src/test/resources/fabric-blocks}, see SOURCES.md there).
 */
class JoinBlocksTest {

    @TempDir
    Path dir;

    static Path fixture(String path) {
        try {
            return Path.of(JoinBlocksTest.class.getResource("/fabric-blocks/" + path).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Fabric 2.5 test network's profile as the launch plans it. The planner itself would refuse this file (the
     * repository's consenters share one server certificate, which the validator reports), so it is loaded directly.
     */
    static NetworkPlan linxjPlan(List<String> channels) {
        Path file = fixture("linxj-2.5-app-channel/configtx/configtx.yaml");
        try {
            Configtx model = ConfigtxLoader.model(file, YamlParser.parse(Files.readString(file)), FabricVersion.V2_5);
            return NetworkPlanLoader.load(model, "ChannelUsingRaft",
                    channels.stream().map(c -> new NetworkPlanLoader.ChannelRequest(c, null)).toList(), null,
                    new NetworkPlanLoader.Overrides(null, null));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void fabricsBlockIsBlockZeroByteForByteWithItsChannelConsentersAndOptions() throws Exception {
        Path file = fixture("linxj-2.5-app-channel/channel-artifacts/mychannel.block");
        NetworkPlan plan = JoinBlocks.apply(linxjPlan(List.of()), List.of(file), true, Optional.empty());

        assertEquals(List.of("mychannel"), List.copyOf(plan.channels().keySet()));
        assertArrayEquals(Files.readAllBytes(file), GenesisBlocks.of(plan).get("mychannel").toByteArray());
        ChainOptions ch = plan.channels().get("mychannel");
        // The test network's etcdraft Options (configtxgen's defaults) and Orderer section, as the block holds them.
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), ch.consenterIds());
        assertEquals(Duration.ofMillis(500), ch.tickInterval());
        assertEquals(10, ch.electionTick());
        assertEquals(1, ch.heartbeatTick());
        assertEquals(5, ch.maxInflightBlocks());
        assertEquals(16L * 1024 * 1024, ch.snapshotIntervalSize());
        assertEquals(Duration.ofSeconds(2), ch.batchTimeout());
        assertEquals(10, ch.maxMessageCount());
    }

    @Test
    void blockChannelJoinsTheNamedChannelsAndTickOverrideApplies() {
        Path file = fixture("linxj-2.5-app-channel/channel-artifacts/mychannel.block");
        NetworkPlan plan = JoinBlocks.apply(linxjPlan(List.of("other")), List.of(file), false,
                Optional.of(Duration.ofMillis(100)));
        assertEquals(List.of("other", "mychannel"), List.copyOf(plan.channels().keySet()));
        assertEquals(Duration.ofMillis(100), plan.channels().get("mychannel").tickInterval());
        assertEquals(List.of("mychannel"), List.copyOf(plan.channelBlocks().keySet()));
    }

    @Test
    void aConsenterWithoutANodeIsRefusedByName() {
        // The SJTU Fabric 2.2 system channel block names orderer*.example.com consenters with other TLS
        // certificates (another cryptogen run) than the test network's.
        Path file = fixture("sjtu-2.2-system-channel/channel-artifacts/genesis.block");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JoinBlocks.apply(linxjPlan(List.of()), List.of(file), true, Optional.empty()));
        assertTrue(e.getMessage().startsWith(file + " does not match profile ChannelUsingRaft"), e.getMessage());
        assertTrue(e.getMessage().contains("launch the profile the block was made from"), e.getMessage());
    }

    @Test
    void notABlockOrNotBlockZeroIsRefused() throws Exception {
        Path garbage = dir.resolve("garbage.block");
        Files.write(garbage, new byte[] {(byte) 0xff, (byte) 0xff, 0x01});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JoinBlocks.apply(linxjPlan(List.of()), List.of(garbage), true, Optional.empty()));
        assertTrue(e.getMessage().startsWith(garbage + ": not a Fabric block"), e.getMessage());

        Block fabric = Block.parseFrom(Files.readAllBytes(fixture("linxj-2.5-app-channel/channel-artifacts/mychannel.block")));
        Path five = dir.resolve("five.block");
        Files.write(five, fabric.toBuilder().setHeader(BlockHeader.newBuilder(fabric.getHeader()).setNumber(5)).build().toByteArray());
        e = assertThrows(IllegalArgumentException.class,
                () -> JoinBlocks.apply(linxjPlan(List.of()), List.of(five), true, Optional.empty()));
        assertEquals(five + ": block 5 is not a genesis block; a channel starts from block 0 (configtxgen -outputBlock)", e.getMessage());

        Path missing = dir.resolve("missing.block");
        e = assertThrows(IllegalArgumentException.class,
                () -> JoinBlocks.apply(linxjPlan(List.of()), List.of(missing), true, Optional.empty()));
        assertEquals("cannot read config block " + missing + " (no such file)", e.getMessage());
    }
}
