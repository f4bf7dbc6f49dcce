package io.raftlens.raft.fabric.configtx;

import static io.raftlens.raft.fabric.configtx.ConfigUpdateFixtures.envelope;
import static io.raftlens.raft.fabric.configtx.ConfigUpdateFixtures.etcdraft;
import static io.raftlens.raft.fabric.configtx.ConfigUpdateFixtures.update;
import static io.raftlens.raft.fabric.configtx.ConfigUpdateFixtures.withMetadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.raft.configtxgen.ChannelConfigEncoder;
import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fabric's config-update validation (configtx.ValidatorImpl): real anchor-peer updates written by Fabric 2.x's
 * configtxgen, and consenter changes computed against the five-orderers sample and signed by its cryptogen admins.
 */
class ConfigtxValidatorTest {

    private static final Path ANCHORS = Path.of("src", "test", "resources", "fabric-blocks", "canisminor-2.x-anchor-peers");

    /** The channel the anchor-peer updates were made for: the profile's group, Application at version 1 (configtxgen's assumption). */
    private static ChannelConfig anchorChannel(String withoutAnchorsOf) throws Exception {
        Path file = ANCHORS.resolve("configtx.yaml");
        Profile profile = io.raftlens.config.model.configtx.ConfigtxLoader.model(file, io.raftlens.config.yaml.YamlParser.parse(
                Files.readString(file)), FabricVersion.V2_5).profile("FiveOrgsChannel").orElseThrow();
        ConfigGroup channel = ChannelConfigEncoder.defaults().channelGroup(profile);
        ConfigGroup app = channel.getGroupsOrThrow("Application");
        ConfigGroup org = app.getGroupsOrThrow(withoutAnchorsOf).toBuilder().removeValues("AnchorPeers").build();
        ConfigGroup current = channel.toBuilder().putGroups("Application", app.toBuilder().setVersion(1)
                .putGroups(withoutAnchorsOf, org).build()).build();
        return ChannelConfig.of("mychannel", Config.newBuilder().setChannelGroup(current).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Org0MSP", "Org3MSP"})
    void configtxgensAnchorPeerUpdateIsWellFormedButNeedsTheOrgsAdmin(String org) throws Exception {
        ChannelConfig c = anchorChannel(org);
        Envelope tx = Envelope.parseFrom(Files.readAllBytes(ANCHORS.resolve("channel-artifacts/" + org + "anchors.tx")));
        ConfigtxValidator v = ConfigtxValidator.of("mychannel", c.config(), c.policyManager());
        // the read set and versions are right; the unsigned update fails the org's Admins mod_policy, as in Fabric
        ConfigtxException e = assertThrows(ConfigtxException.class, () -> v.proposeConfigUpdate(tx));
        assertEquals("error authorizing update: error validating DeltaSet: policy for [Group]  /Channel/Application/" + org
                + " not satisfied: signature set did not satisfy policy", e.getMessage());
    }

    @Test
    void anAnchorPeerUpdateAgainstAConfigThatMovedOnIsARefusedReadSet() throws Exception {
        ChannelConfig c = anchorChannel("Org1MSP");
        ConfigGroup moved = c.channelGroup().toBuilder().putGroups("Application",
                c.channelGroup().getGroupsOrThrow("Application").toBuilder().setVersion(2).build()).build();
        ChannelConfig later = ChannelConfig.of("mychannel", Config.newBuilder().setSequence(3).setChannelGroup(moved).build());
        Envelope tx = Envelope.parseFrom(Files.readAllBytes(ANCHORS.resolve("channel-artifacts/Org1MSPanchors.tx")));
        ConfigtxException e = assertThrows(ConfigtxException.class,
                () -> ConfigtxValidator.of("mychannel", later.config(), later.policyManager()).proposeConfigUpdate(tx));
        assertEquals("error authorizing update: error validating ReadSet: proposed update requires that key [Group]  "
                + "/Channel/Application be at version 1, but it is currently at version 2", e.getMessage());
    }

    @Test
    void aConsenterRemovalSignedByTheOrdererAdminGivesTheNextConfig() throws Exception {
        ChannelConfig c = ConfigUpdateFixtures.sampleChannel();
        ConfigGroup updated = withMetadata(c, md -> md.toBuilder().removeConsenters(1).build());
        Envelope tx = envelope(update(c, updated), List.of(ConfigUpdateFixtures.ordererAdmin()));
        ConfigEnvelope next = ConfigtxValidator.of("mychannel", c.config(), c.policyManager()).proposeConfigUpdate(tx);
        assertEquals(1, next.getConfig().getSequence());
        assertEquals(tx, next.getLastUpdate());
        ChannelConfig n = ChannelConfig.of("mychannel", next.getConfig());
        assertEquals(4, etcdraft(n).getConsentersCount());
        // only the changed value moved: its version + 1, everything else as it was
        var before = c.channelGroup().getGroupsOrThrow("Orderer");
        var after = n.channelGroup().getGroupsOrThrow("Orderer");
        assertEquals(before.getValuesOrThrow("ConsensusType").getVersion() + 1, after.getValuesOrThrow("ConsensusType").getVersion());
        assertEquals(before.getVersion(), after.getVersion());
        assertEquals(before.getValuesOrThrow("BatchSize"), after.getValuesOrThrow("BatchSize"));
        assertEquals(c.channelGroup().getGroupsOrThrow("Application"), n.channelGroup().getGroupsOrThrow("Application"));
        // Fabric's Validate re-derives the same config from last_update
        ConfigtxValidator.of("mychannel", c.config(), c.policyManager()).validate(next);
        ConfigValueChecks.check(c, next.getConfig());
    }

    @Test
    void anApplicationAdminCannotChangeTheOrdererSection() throws Exception {
        ChannelConfig c = ConfigUpdateFixtures.sampleChannel();
        ConfigGroup updated = withMetadata(c, md -> md.toBuilder().removeConsenters(1).build());
        for (SigningIdentity s : List.of(ConfigUpdateFixtures.org1Admin(), ConfigUpdateFixtures.org1User())) {
            Envelope tx = envelope(update(c, updated), List.of(s));
            ConfigtxException e = assertThrows(ConfigtxException.class,
                    () -> ConfigtxValidator.of("mychannel", c.config(), c.policyManager()).proposeConfigUpdate(tx));
            assertEquals("error authorizing update: error validating DeltaSet: policy for [Value]  /Channel/Orderer/ConsensusType"
                    + " not satisfied: implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy "
                    + "requires 1 of the 'Admins' sub-policies to be satisfied", e.getMessage());
        }
    }

    @Test
    void versionsMustMoveByOne() throws Exception {
        ChannelConfig c = ConfigUpdateFixtures.sampleChannel();
        ConfigUpdate u = update(c, withMetadata(c, md -> md.toBuilder().removeConsenters(1).build()));
        var orderer = u.getWriteSet().getGroupsOrThrow("Orderer");
        var ct = orderer.getValuesOrThrow("ConsensusType");
        ConfigUpdate skipped = u.toBuilder().setWriteSet(u.getWriteSet().toBuilder().putGroups("Orderer", orderer.toBuilder()
                .putValues("ConsensusType", ct.toBuilder().setVersion(ct.getVersion() + 1).build()).build())).build();
        ConfigtxException e = assertThrows(ConfigtxException.class, () -> ConfigtxValidator.of("mychannel", c.config(),
                c.policyManager()).proposeConfigUpdate(envelope(skipped, List.of(ConfigUpdateFixtures.ordererAdmin()))));
        assertEquals("error authorizing update: error validating DeltaSet: attempt to set key [Value]  "
                + "/Channel/Orderer/ConsensusType to version 2, but key is at version 0", e.getMessage());
        ConfigUpdate nothing = u.toBuilder().setWriteSet(u.getReadSet()).build();
        e = assertThrows(ConfigtxException.class, () -> ConfigtxValidator.of("mychannel", c.config(),
                c.policyManager()).proposeConfigUpdate(envelope(nothing, List.of(ConfigUpdateFixtures.ordererAdmin()))));
        assertEquals("error authorizing update: error validating DeltaSet: delta set was empty -- update would have no effect",
                e.getMessage());
        ConfigUpdate other = u.toBuilder().setChannelId("otherchannel").build();
        e = assertThrows(ConfigtxException.class, () -> ConfigtxValidator.of("mychannel", c.config(),
                c.policyManager()).proposeConfigUpdate(envelope(other, List.of(ConfigUpdateFixtures.ordererAdmin()))));
        assertEquals("error authorizing update: ConfigUpdate for channel 'otherchannel' but envelope for channel 'mychannel'",
                e.getMessage());
    }

    @Test
    void moreThanOneConsenterChangeIsRefused() throws Exception {
        ChannelConfig c = ConfigUpdateFixtures.sampleChannel();
        // adversarial.md C4: six phantom consenters (copies of consenter 1 on other hosts) in one update
        ConfigGroup phantoms = withMetadata(c, md -> {
            ConfigMetadata.Builder b = md.toBuilder();
            for (int i = 0; i < 6; i++) {
                var cert = com.google.protobuf.ByteString.copyFromUtf8(
                        md.getConsenters(0).getClientTlsCert().toStringUtf8() + "\n".repeat(i + 1));
                b.addConsenters(md.getConsenters(0).toBuilder().setHost("fake" + i).setClientTlsCert(cert).setServerTlsCert(cert));
            }
            return b.build();
        });
        ConfigEnvelope proposed = ConfigtxValidator.of("mychannel", c.config(), c.policyManager())
                .proposeConfigUpdate(envelope(update(c, phantoms), List.of(ConfigUpdateFixtures.ordererAdmin())));
        ConfigtxException e = assertThrows(ConfigtxException.class, () -> ConfigValueChecks.check(c, proposed.getConfig()));
        assertEquals("consensus metadata update for channel config update is invalid: update of more than one consenter at a "
                + "time is not supported, requested changes: add 6 node(s), remove 0 node(s)", e.getMessage());
        ConfigGroup twoGone = withMetadata(c, md -> md.toBuilder().removeConsenters(4).removeConsenters(3).build());
        ConfigEnvelope p2 = ConfigtxValidator.of("mychannel", c.config(), c.policyManager())
                .proposeConfigUpdate(envelope(update(c, twoGone), List.of(ConfigUpdateFixtures.ordererAdmin())));
        e = assertThrows(ConfigtxException.class, () -> ConfigValueChecks.check(c, p2.getConfig()));
        assertTrue(e.getMessage().endsWith("requested changes: add 0 node(s), remove 2 node(s)"), e.getMessage());
    }

    @Test
    void channelconfigValueChecks() throws Exception {
        ChannelConfig c = ConfigUpdateFixtures.sampleChannel();
        ConfigGroup zeroTick = withMetadata(c, md -> md.toBuilder().setOptions(md.getOptions().toBuilder().setHeartbeatTick(0)).build());
        ConfigtxException e = assertThrows(ConfigtxException.class,
                () -> ConfigValueChecks.check(c, Config.newBuilder().setSequence(1).setChannelGroup(zeroTick).build()));
        assertEquals("consensus metadata update for channel config update is invalid: invalid new config metadata: none of "
                + "HeartbeatTick (0), ElectionTick (10) and MaxInflightBlocks (5) can be zero", e.getMessage());
        ConfigGroup badCert = withMetadata(c, md -> md.toBuilder().setConsenters(0, md.getConsenters(0).toBuilder()
                .setServerTlsCert(com.google.protobuf.ByteString.copyFromUtf8("not a certificate"))).build());
        e = assertThrows(ConfigtxException.class,
                () -> ConfigValueChecks.check(c, Config.newBuilder().setSequence(1).setChannelGroup(badCert).build()));
        assertTrue(e.getMessage().startsWith("consensus metadata update for channel config update is invalid: invalid new "
                + "config metadata: consenter orderer1.example.com:7050 has invalid certificate: parsing tls server cert of "
                + "orderer1.example.com:7050"), e.getMessage());

        var orderer = c.channelGroup().getGroupsOrThrow("Orderer");
        var bs = orderer.getValuesOrThrow("BatchSize");
        var zeroCount = org.hyperledger.fabric.protos.orderer.BatchSize.parseFrom(bs.getValue()).toBuilder().setMaxMessageCount(0).build();
        ConfigGroup g = c.channelGroup().toBuilder().putGroups("Orderer", orderer.toBuilder()
                .putValues("BatchSize", bs.toBuilder().setValue(zeroCount.toByteString()).build()).build()).build();
        e = assertThrows(ConfigtxException.class, () -> ConfigValueChecks.check(c, Config.newBuilder().setChannelGroup(g).build()));
        assertEquals("Attempted to set the batch size max message count to an invalid value: 0", e.getMessage());

        var ct = orderer.getValuesOrThrow("ConsensusType");
        var solo = org.hyperledger.fabric.protos.orderer.ConsensusType.parseFrom(ct.getValue()).toBuilder().setType("solo").build();
        ConfigGroup g2 = c.channelGroup().toBuilder().putGroups("Orderer", orderer.toBuilder()
                .putValues("ConsensusType", ct.toBuilder().setValue(solo.toByteString()).build()).build()).build();
        // the sample's channel capability has ConsensusTypeMigration: the maintenance filter decides (MaintenanceFilterTest)
        ConfigValueChecks.check(c, Config.newBuilder().setChannelGroup(g2).build());

        ConfigGroup noOrderer = c.channelGroup().toBuilder().removeGroups("Orderer").build();
        e = assertThrows(ConfigtxException.class, () -> ConfigValueChecks.check(c, Config.newBuilder().setChannelGroup(noOrderer).build()));
        assertEquals("current config has orderer section, but new config does not", e.getMessage());
    }

    @Test
    void movingToChannelCapabilityV3RequiresEveryOrdererOrgsEndpoints() throws Exception {
        ChannelConfig v3 = ConfigUpdateFixtures.sampleChannel();
        ConfigGroup root = v3.channelGroup();
        var caps = root.getValuesOrThrow("Capabilities");
        var v20 = caps.toBuilder().setValue(org.hyperledger.fabric.protos.common.Capabilities.newBuilder()
                .putCapabilities("V2_0", org.hyperledger.fabric.protos.common.Capability.getDefaultInstance()).build().toByteString());
        ConfigGroup orderer = root.getGroupsOrThrow("Orderer");
        ConfigGroup org = orderer.getGroupsOrThrow("OrdererOrg");
        ConfigGroup noEndpoints = root.toBuilder().putValues("Capabilities", v20.build()).putGroups("Orderer", orderer.toBuilder()
                .putGroups("OrdererOrg", org.toBuilder().removeValues("Endpoints").build()).build()).build();
        ChannelConfig v2 = ChannelConfig.of("mychannel", Config.newBuilder().setChannelGroup(noEndpoints).build());
        // the same config with V3_0 again, but the organization's endpoints still missing (Bundle.ValidateNew)
        ConfigGroup upgraded = noEndpoints.toBuilder().putValues("Capabilities", caps).build();
        ConfigtxException e = assertThrows(ConfigtxException.class,
                () -> ConfigValueChecks.check(v2, Config.newBuilder().setSequence(1).setChannelGroup(upgraded).build()));
        assertEquals("illegal orderer config update detected: endpoints of org OrdererOrg are missing", e.getMessage());
        // with the endpoints the upgrade passes
        ConfigValueChecks.check(v2, Config.newBuilder().setSequence(1).setChannelGroup(root).build());
    }
}
