package io.raftlens.raft.configtxgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.config.fabric.FabricVersion;
import java.nio.file.Path;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The channel configuration RaftLens's encoder builds equals, once decoded, the one Fabric's configtxgen wrote into
 * real genesis blocks (every group, value, policy and mod_policy); only the header's timestamp, nonce and tx id
 * differ. Fixtures: {@code src/test/resources/fabric-blocks/SOURCES.md}.
 */
class FabricBlocksTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "sjtu-2.2-system-channel, configtx.yaml, TwoOrgsOrdererGenesis, channel-artifacts/genesis.block, V2_5",
            "linxj-2.5-app-channel, configtx/configtx.yaml, ChannelUsingRaft, channel-artifacts/mychannel.block, V2_5",
    })
    void encoderReproducesConfigtxgensChannelConfig(String fixture, String configtx, String profileName, String blockFile,
                                                    FabricVersion version) throws Exception {
        Path dir = FabricBlockFixtures.folder(fixture);
        Profile profile = FabricBlockFixtures.profile(dir.resolve(configtx), version, profileName);
        Block fabric = FabricBlockFixtures.block(dir.resolve(blockFile));
        String channelId = channelId(fabric);

        Block ours = ChannelConfigEncoder.defaults().genesisBlock(profile, channelId);

        ObjectNode expected = BlockJson.channelGroup(FabricBlockFixtures.channelGroup(fabric));
        ObjectNode actual = BlockJson.channelGroup(FabricBlockFixtures.channelGroup(ours));
        assertEquals(BlockJson.text(expected), BlockJson.text(sorted(actual, expected)));
        assertEquals(expected, actual);
        // not vacuous: the real block has organizations with MSPs and the etcdraft consenters' certificates
        assertTrue(expected.at("/groups/Orderer/groups/OrdererOrg/values/MSP/value/config/root_certs/0").isTextual());
        assertTrue(expected.at("/groups/Orderer/values/ConsensusType/value/metadata/consenters/0/client_tls_cert").isTextual());

        // the rest of the block: same shape, header and metadata, except timestamp, nonce and tx id
        ObjectNode fabricJson = BlockJson.block(fabric);
        ObjectNode ourJson = BlockJson.block(ours);
        for (ObjectNode b : new ObjectNode[] {fabricJson, ourJson}) {
            ObjectNode header = (ObjectNode) b.at("/data/data/0/payload/header");
            ((ObjectNode) header.get("channel_header")).remove(java.util.List.of("timestamp", "tx_id"));
            ((ObjectNode) header.get("signature_header")).remove("nonce");
            ((ObjectNode) b.get("header")).remove("data_hash");
        }
        assertEquals(fabricJson, ourJson);
        assertTrue(ours.getHeader().getDataHash().size() == 32);
    }

    private static String channelId(Block block) throws Exception {
        Payload p = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(0)).getPayload());
        return ChannelHeader.parseFrom(p.getHeader().getChannelHeader()).getChannelId();
    }

    /** {@code node} with its object keys in {@code like}'s order, so that a failing comparison shows a readable diff. */
    static JsonNode sorted(JsonNode node, JsonNode like) {
        if (!(node instanceof ObjectNode o) || !(like instanceof ObjectNode l)) {
            if (node != null && node.isArray() && like != null && like.isArray()) {
                com.fasterxml.jackson.databind.node.ArrayNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
                for (int i = 0; i < node.size(); i++) {
                    out.add(sorted(node.get(i), i < like.size() ? like.get(i) : null));
                }
                return out;
            }
            return node;
        }
        ObjectNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        l.fieldNames().forEachRemaining(k -> {
            if (o.has(k)) {
                out.set(k, sorted(o.get(k), l.get(k)));
            }
        });
        o.fieldNames().forEachRemaining(k -> {
            if (!out.has(k)) {
                out.set(k, o.get(k));
            }
        });
        return out;
    }
}
