package io.raftlens.raft.network;

import io.raftlens.raft.ids.NodeId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.fabric.FabricFixtures;
import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.policy.PolicyManager;
import io.raftlens.raft.orderer.BlockSignatures;
import io.raftlens.raft.orderer.Blocks;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A consenter's orderer identity found in cryptogen's layout (fabric-sdk-java's v2.1 material) and used to sign. */
class NodeSignersTest {
    @TempDir
    Path dir;

    private ConsenterPlan consenter(boolean withMsp) throws Exception {
        Path node = dir.resolve("crypto-config/ordererOrganizations/example.com/orderers/orderer.example.com");
        Files.createDirectories(node.resolve("tls"));
        Files.writeString(node.resolve("tls/server.crt"), "not read here");
        if (withMsp) {
            Files.createDirectories(node.resolve("msp/signcerts"));
            Files.createDirectories(node.resolve("msp/keystore"));
            Files.write(node.resolve("msp/signcerts/orderer.example.com-cert.pem"), FabricFixtures.bytes("sdk-java/orderer-cert.pem"));
            Files.write(node.resolve("msp/keystore/priv_sk"), FabricFixtures.bytes("sdk-java/orderer-key.pem"));
        }
        return new ConsenterPlan(NodeId.of(1), "orderer.example.com", 7050, node.resolve("tls/server.crt"), node.resolve("tls/server.crt"), "configtx.yaml:1");
    }

    @Test
    void findsTheOrdererIdentityAndItsOrganization() throws Exception {
        Block genesis = FabricFixtures.block("sdk-java/orderer.block");
        var signer = NodeSigners.forConsenter(consenter(true), genesis).orElseThrow();
        assertEquals("OrdererMSP", signer.mspId());
        Block block = Blocks.withOrdererMetadata(Blocks.newBlock(1, Blocks.headerHash(genesis.getHeader())).build(), 0,
                org.hyperledger.fabric.protos.orderer.etcdraft.BlockMetadata.getDefaultInstance());
        BlockSignatures.verify(BlockSignatures.sign(block, signer),
                ChannelConfig.fromBlock(genesis).policyManager().policyOrReject(PolicyManager.BLOCK_VALIDATION));
    }

    @Test
    void withoutAnMspFolderBlocksStayUnsigned() throws Exception {
        assertTrue(NodeSigners.forConsenter(consenter(false), FabricFixtures.block("sdk-java/orderer.block")).isEmpty());
    }
}
