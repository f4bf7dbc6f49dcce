package io.raftlens.raft.network;

import static io.raftlens.raft.network.OrdererGrpcClient.at;
import static io.raftlens.raft.network.OrdererGrpcClient.broadcast;
import static io.raftlens.raft.network.OrdererGrpcClient.connect;
import static io.raftlens.raft.network.OrdererGrpcClient.deliver;
import static io.raftlens.raft.network.OrdererGrpcClient.seek;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validator.LoadedConfigtx;
import io.raftlens.raft.fabric.FabricFixtures;
import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import io.raftlens.raft.fabric.policy.PolicyManager;
import io.raftlens.raft.node.ConsenterUpdateResult;
import io.raftlens.raft.node.OrderingNode;
import io.raftlens.raft.orderer.BlockSignatures;
import io.raftlens.raft.orderer.Blocks;
import io.raftlens.raft.orderer.LedgerVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Config updates the Fabric way on the cryptogen material of {@code samples/three-orderers} (copied, on free ports):
 * a consenter removal computed like configtxlator's compute-update, broadcast over gRPC — refused while only a client
 * signed it (BAD_REQUEST with Fabric's mod_policy message), FORBIDDEN from a stranger, BAD_REQUEST for six phantom
 * consenters at once (adversarial.md C4) and for a replay; ordered once the orderer admin signed it, as a CONFIG block
 * alone in its block, signed by the orderer, with the admin-signed update as last_update and LAST_CONFIG pointing
 * at it. Then the control API's consenters endpoint adds the node back with an update it signs with the sample's
 * orderer admin.
 */
class SampleConfigUpdateTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void consenterChangesAreSignedConfigUpdatesOrderedAsConfigBlocks() throws Exception {
        Path configtx = TestNetworks.threeOrderersSample(dir); // a copy on free ports
        Path sample = configtx.getParent();
        Configtx c = LoadedConfigtx.read(configtx).model().orElseThrow();
        NetworkPlan plan = NetworkPlanLoader.load(c, NetworkPlanLoader.defaultProfile(c), List.of(), null,
                new NetworkPlanLoader.Overrides(Duration.ofMillis(100), 0));
        SigningIdentity user1 = identity(sample, "peerOrganizations/org1.example.com/users/User1@org1.example.com", "Org1MSP");
        SigningIdentity admin = identity(sample, "ordererOrganizations/example.com/users/Admin@example.com", "OrdererMSP");
        SigningIdentity stranger = FabricFixtures.sdkSigner("Org1MSP", "org1-user1");
        DataDirectory data = DataDirectory.prepare(dir.resolve("data"), plan, false);
        try (LocalNetwork net = LocalNetwork.start(plan, data)) {
            TestNetworks.await("a leader", WAIT, () -> net.leader("mychannel") != 0);
            long leader = net.leader("mychannel");
            List<Long> followers = new ArrayList<>(List.of(1L, 2L, 3L));
            followers.remove(leader);
            long removed = followers.get(1);
            // a follower answers: it forwards the CONFIG to the leader, as Fabric's followers do
            long entry = followers.get(0);
            Path ca = sample.resolve("crypto/ordererOrganizations/example.com/tlsca/tlsca.example.com-cert.pem");
            ManagedChannel ch = connect(net, entry, ca, plan.consenter(entry).host());
            try {
                Block genesis = net.node(entry).orElseThrow().block("mychannel", 0).orElseThrow();
                ChannelConfig config = ChannelConfig.fromBlock(genesis);
                ConfigMetadata md = ConfigMetadata.parseFrom(config.consensusType().orElseThrow().getMetadata());
                int index = (int) removed - 1; // the sample lists orderer1..3 in order
                var removal = ConsenterConfigUpdate.compute(config, md.toBuilder().removeConsenters(index).build());

                BroadcastResponse clientOnly = one(ch, ConsenterConfigUpdate.envelope("mychannel", removal, List.of(user1)));
                assertEquals(Status.BAD_REQUEST, clientOnly.getStatus(), clientOnly.getInfo());
                assertEquals("error applying config update to existing channel 'mychannel': error authorizing update: "
                        + "error validating DeltaSet: policy for [Value]  /Channel/Orderer/ConsensusType not satisfied: "
                        + "implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of "
                        + "the 'Admins' sub-policies to be satisfied", clientOnly.getInfo());

                BroadcastResponse strangers = one(ch, ConsenterConfigUpdate.envelope("mychannel", removal, List.of(stranger)));
                assertEquals(Status.FORBIDDEN, strangers.getStatus(), strangers.getInfo());
                assertTrue(strangers.getInfo().startsWith("config update for existing channel did not pass initial checks: "),
                        strangers.getInfo());

                ConfigMetadata.Builder phantoms = md.toBuilder();
                for (int i = 0; i < 6; i++) {
                    ByteString cert = ByteString.copyFromUtf8(md.getConsenters(0).getClientTlsCert().toStringUtf8() + "\n".repeat(i + 1));
                    phantoms.addConsenters(md.getConsenters(0).toBuilder().setHost("fake" + i).setClientTlsCert(cert).setServerTlsCert(cert));
                }
                BroadcastResponse c4 = one(ch, ConsenterConfigUpdate.envelope("mychannel",
                        ConsenterConfigUpdate.compute(config, phantoms.build()), List.of(admin)));
                assertEquals(Status.BAD_REQUEST, c4.getStatus(), c4.getInfo());
                assertTrue(c4.getInfo().endsWith("update of more than one consenter at a time is not supported, requested "
                        + "changes: add 6 node(s), remove 0 node(s)"), c4.getInfo());

                Envelope signed = ConsenterConfigUpdate.envelope("mychannel", removal, List.of(admin));
                BroadcastResponse ok = one(ch, signed);
                assertEquals(Status.SUCCESS, ok.getStatus(), ok.getInfo());
                TestNetworks.await("node " + removed + " removed", WAIT, () -> net.consenters("mychannel").size() == 2);
                // SUCCESS means the leader took it (as in Fabric): wait until the entry node wrote the config block too,
                // so that the replay below is checked against the new config at the door
                TestNetworks.await("config block on node " + entry, WAIT, () -> {
                    long h = net.node(entry).orElseThrow().chain("mychannel").orElseThrow().status().height();
                    return Blocks.lastConfigIndex(net.node(entry).orElseThrow().block("mychannel", h - 1).orElseThrow()) > 0;
                });

                BroadcastResponse replay = one(ch, signed);
                assertEquals(Status.BAD_REQUEST, replay.getStatus(), replay.getInfo());
                assertEquals("error applying config update to existing channel 'mychannel': error authorizing update: "
                        + "error validating DeltaSet: attempt to set key [Value]  /Channel/Orderer/ConsensusType to version 1, "
                        + "but key is at version 1", replay.getInfo());

                // the config block: alone, CONFIG signed by an orderer of OrdererMSP, last_update = the admin-signed update
                long height = net.node(entry).orElseThrow().chain("mychannel").orElseThrow().status().height();
                Block last = net.node(entry).orElseThrow().block("mychannel", height - 1).orElseThrow();
                long configNumber = Blocks.lastConfigIndex(last);
                assertTrue(configNumber > 0);
                var blocks = deliver(ch, seek(user1, "mychannel", at(configNumber), at(configNumber), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY));
                Block configBlock = blocks.get(0).getBlock();
                assertEquals(1, configBlock.getData().getDataCount());
                Envelope env = Envelope.parseFrom(configBlock.getData().getData(0));
                Payload payload = Payload.parseFrom(env.getPayload());
                assertEquals(HeaderType.CONFIG_VALUE, ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getType());
                SerializedIdentity orderer = SerializedIdentity.parseFrom(
                        SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader()).getCreator());
                assertEquals("OrdererMSP", orderer.getMspid());
                assertTrue(orderer.getIdBytes().toStringUtf8().contains("BEGIN CERTIFICATE"));
                assertTrue(!env.getSignature().isEmpty());
                ConfigEnvelope ce = ConfigEnvelope.parseFrom(payload.getData());
                assertEquals(signed, ce.getLastUpdate());
                assertEquals(1, ce.getConfig().getSequence());
                ChannelConfig after = ChannelConfig.fromEnvelope(env);
                assertEquals(2, ConfigMetadata.parseFrom(after.consensusType().orElseThrow().getMetadata()).getConsentersCount());
                BlockSignatures.verify(configBlock, config.policyManager().policyOrReject(PolicyManager.BLOCK_VALIDATION));

                // the same CONFIG handed to the leader's chain as if validated at sequence 0: the sequence has moved,
                // so the chain processes it again (Fabric's ProcessConfigMsg) and refuses it
                var processor = new io.raftlens.raft.fabric.msgprocessor.ConfigUpdateProcessor(java.util.Optional.empty());
                var stale = net.node(leaderOf(net)).orElseThrow().chain("mychannel").orElseThrow().configure(env, 0, (cfg, lastConfig) -> {
                    try {
                        ChannelConfig cc = ChannelConfig.fromBlock(lastConfig);
                        return processor.processConfig(new io.raftlens.raft.fabric.msgprocessor.StandardChannel(() -> cc, false,
                                java.time.Clock.systemUTC()), cc, cfg);
                    } catch (Exception e) {
                        throw new io.raftlens.raft.orderer.ConfigUpdateException("bad config message: " + e.getMessage());
                    }
                }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertEquals("BAD_REQUEST", stale.status(), stale.info());
                assertEquals("bad config message: error applying config update to existing channel 'mychannel': error "
                        + "authorizing update: error validating DeltaSet: attempt to set key [Value]  "
                        + "/Channel/Orderer/ConsensusType to version 1, but key is at version 1", stale.info());
            } finally {
                ch.shutdownNow();
            }

            // the control API's broadcast: the body signed by the sample's client (User1 of Org1MSP), on the gRPC path
            var tx = net.broadcast("mychannel", null, "from the control API".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("SUCCESS", tx.status(), tx.info());
            // SUCCESS comes once a quorum committed it; the node's ledger writes it right after
            TestNetworks.await("block " + tx.block() + " written", WAIT,
                    () -> net.node(entry).orElseThrow().block("mychannel", tx.block()).isPresent());
            Block txBlock = net.node(entry).orElseThrow().block("mychannel", tx.block()).orElseThrow();
            Envelope sent = Envelope.parseFrom(txBlock.getData().getData(0));
            Payload txPayload = Payload.parseFrom(sent.getPayload());
            assertEquals("from the control API", txPayload.getData().toStringUtf8());
            assertEquals(user1.serializedBytes(), SignatureHeader.parseFrom(txPayload.getHeader().getSignatureHeader()).getCreator());
            assertEquals(HeaderType.ENDORSER_TRANSACTION_VALUE, ChannelHeader.parseFrom(txPayload.getHeader().getChannelHeader()).getType());

            // the control API's endpoint: the same path, the update signed with the sample's orderer admin
            ConsenterUpdateResult back = net.updateConsenters("mychannel", List.of(1L, 2L, 3L)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("SUCCESS", back.status(), back.info());
            Block configBlock = net.node(leaderOf(net)).orElseThrow().block("mychannel", back.block()).orElseThrow();
            Payload payload = Payload.parseFrom(Envelope.parseFrom(configBlock.getData().getData(0)).getPayload());
            ConfigEnvelope ce = ConfigEnvelope.parseFrom(payload.getData());
            assertEquals(2, ce.getConfig().getSequence());
            ConfigUpdateEnvelope cue = ConfigUpdateEnvelope.parseFrom(Payload.parseFrom(ce.getLastUpdate().getPayload()).getData());
            assertEquals(1, cue.getSignaturesCount());
            SerializedIdentity signer = SerializedIdentity.parseFrom(
                    SignatureHeader.parseFrom(cue.getSignatures(0).getSignatureHeader()).getCreator());
            assertEquals("OrdererMSP", signer.getMspid());
            assertEquals(admin.serializedBytes(), cue.getSignatures(0).getSignatureHeader().isEmpty() ? null
                    : SignatureHeader.parseFrom(cue.getSignatures(0).getSignatureHeader()).getCreator());
            TestNetworks.await("three consenters again", WAIT, () -> net.consenters("mychannel").size() == 3);

            // a policy change (no consenter change) sent to the control API as a signed Envelope body: Org1's Writers
            // become its admins only; every node switches, so a follower now refuses User1 and admits the admin
            long lead = leaderOf(net);
            Block lastBlock = net.node(lead).orElseThrow().block("mychannel",
                    net.node(lead).orElseThrow().chain("mychannel").orElseThrow().status().height() - 1).orElseThrow();
            ChannelConfig now = ChannelConfig.fromBlock(net.node(lead).orElseThrow().block("mychannel",
                    Blocks.lastConfigIndex(lastBlock)).orElseThrow());
            var app = now.channelGroup().getGroupsOrThrow("Application");
            var org1 = app.getGroupsOrThrow("Org1MSP");
            var adminsOnly = org1.getPoliciesOrThrow("Writers").toBuilder().setPolicy(org1.getPoliciesOrThrow("Admins").getPolicy()).build();
            var updatedRoot = now.channelGroup().toBuilder().putGroups("Application", app.toBuilder()
                    .putGroups("Org1MSP", org1.toBuilder().putPolicies("Writers", adminsOnly).build()).build()).build();
            var policyUpdate = io.raftlens.raft.configtxgen.ConfigUpdates.compute(now.channelGroup(), updatedRoot).toBuilder()
                    .setChannelId("mychannel").build();
            SigningIdentity org1Admin = identity(sample, "peerOrganizations/org1.example.com/users/Admin@org1.example.com", "Org1MSP");
            var applied = net.broadcast("mychannel", null, ConsenterConfigUpdate.envelope("mychannel", policyUpdate,
                    List.of(org1Admin)).toByteArray()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("SUCCESS", applied.status(), applied.info());
            long follower = net.nodes().stream().map(OrderingNode::id).filter(id -> id != leaderOfQuietly(net)).findFirst().orElseThrow();
            TestNetworks.await("config block on node " + follower, WAIT, () -> net.node(follower).orElseThrow()
                    .block("mychannel", applied.block()).isPresent());
            ManagedChannel ch2 = connect(net, follower, sample.resolve("crypto/ordererOrganizations/example.com/tlsca/tlsca.example.com-cert.pem"),
                    plan.consenter(follower).host());
            try {
                BroadcastResponse userNow = one(ch2, io.raftlens.raft.fabric.msgprocessor.Envelopes.signedTransaction("mychannel",
                        user1, ByteString.copyFromUtf8("user"), java.time.Instant.now()));
                assertEquals(Status.FORBIDDEN, userNow.getStatus(), userNow.getInfo());
                BroadcastResponse adminNow = one(ch2, io.raftlens.raft.fabric.msgprocessor.Envelopes.signedTransaction("mychannel",
                        org1Admin, ByteString.copyFromUtf8("admin"), java.time.Instant.now()));
                assertEquals(Status.SUCCESS, adminNow.getStatus(), adminNow.getInfo());
            } finally {
                ch2.shutdownNow();
            }
        }
        LedgerVerifier.Result v = LedgerVerifier.verify("mychannel", data.nodeDir(plan.consenters().get(0)).resolve("ledger/mychannel"));
        assertTrue(v.valid(), v.toJson());
    }

    private static long leaderOf(LocalNetwork net) throws InterruptedException {
        TestNetworks.await("a leader", WAIT, () -> net.leader("mychannel") != 0);
        return net.leader("mychannel");
    }

    private static long leaderOfQuietly(LocalNetwork net) {
        return net.leader("mychannel");
    }

    private static BroadcastResponse one(ManagedChannel ch, Envelope env) throws Exception {
        return broadcast(ch, List.of(env)).get(0);
    }

    private static SigningIdentity identity(Path sample, String user, String mspId) throws Exception {
        Path msp = sample.resolve("crypto").resolve(user).resolve("msp");
        try (var certs = Files.list(msp.resolve("signcerts"))) {
            return SigningIdentity.fromPemFiles(mspId, certs.findFirst().orElseThrow(), msp.resolve("keystore/priv_sk"));
        }
    }
}
