package io.raftlens.raft.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validator.LoadedConfigtx;
import io.raftlens.raft.configtxgen.ChannelConfigEncoder;
import io.raftlens.raft.orderer.GenesisBlock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launch's block 0 is configtxgen's channel config, and a profile configtxgen refuses does not launch. */
class GenesisBlocksTest {

    static final Path SAMPLE = Path.of("..", "samples", "five-orderers", "configtx.yaml");

    @TempDir
    Path dir;

    private static NetworkPlan plan(Path configtx) throws Exception {
        Configtx c = LoadedConfigtx.read(configtx).model().orElseThrow();
        return NetworkPlanLoader.load(c, NetworkPlanLoader.defaultProfile(c), List.of(), null, NetworkPlanLoader.Overrides.NONE);
    }

    private static ConfigGroup channelGroup(Block b) throws Exception {
        Payload p = Payload.parseFrom(Envelope.parseFrom(b.getData().getData(0)).getPayload());
        return ConfigEnvelope.parseFrom(p.getData()).getConfig().getChannelGroup();
    }

    @Test
    void theSamplesBlockZeroIsConfigtxgensChannelConfig() throws Exception {
        NetworkPlan plan = plan(SAMPLE);
        Block b = GenesisBlocks.of(plan).get("mychannel");
        ConfigGroup ours = channelGroup(b);
        Configtx c = LoadedConfigtx.read(SAMPLE).model().orElseThrow();
        assertEquals(ChannelConfigEncoder.defaults().checkedChannelGroup(c.profile("ChannelUsingRaft").orElseThrow()), ours);
        assertTrue(ours.getGroupsOrThrow("Application").containsGroups("Org1MSP"));
        assertTrue(ours.getGroupsOrThrow("Orderer").getGroupsOrThrow("OrdererOrg").containsValues("MSP"));
        // every node builds the same bytes, and the chain still reads its ordering settings from it
        assertEquals(b, GenesisBlocks.of(plan).get("mychannel"));
        assertEquals(5, GenesisBlock.read(b).etcdRaft().getConsentersCount());
    }

    @Test
    void aProfileConfigtxgenRefusesDoesNotLaunch() throws Exception {
        Path copy = dir.resolve("configtx.yaml");
        TestNetworks.copyTree(SAMPLE.getParent(), dir);
        String text = Files.readString(copy).replace("      Admins:\n        Type: Signature\n        Rule: \"OR('Org1MSP.admin')\"\n", "");
        Files.writeString(copy, text);
        NetworkPlan plan = plan(copy);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GenesisBlocks.of(plan, Map.of()));
        assertTrue(e.getMessage().contains("configtxgen: could not create bootstrapper: could not create channel group: "
                + "could not create application group: failed to create application org: "
                + "error adding policies to application org group Org1MSP: no Admins policy defined"), e.getMessage());
        assertTrue(e.getMessage().startsWith(copy + ":"), e.getMessage());
    }
}
