package io.raftlens.raft.fabric.configtx;

import static io.raftlens.raft.fabric.configtx.ConfigUpdateFixtures.envelope;
import static io.raftlens.raft.fabric.configtx.ConfigUpdateFixtures.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.msgprocessor.ConfigUpdateProcessor;
import io.raftlens.raft.fabric.msgprocessor.Envelopes;
import io.raftlens.raft.fabric.msgprocessor.RejectedMessage;
import io.raftlens.raft.fabric.msgprocessor.StandardChannel;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.Capability;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.junit.jupiter.api.Test;

/**
 * Fabric's MaintenanceFilter (maintenancefilter.go) on admin-signed config updates of the five-orderers sample:
 * entering maintenance mode, what may change with it, consensus-type migration, the capability switch, and the
 * normal transactions refused while the channel is in maintenance.
 */
class MaintenanceFilterTest {
    private static final String PREFIX = "config update for existing channel did not pass maintenance checks: "
            + "config transaction inspection failed: ";

    @Test
    void enteringAndLeavingMaintenanceModeChangesTheStateAlone() throws Exception {
        ChannelConfig normal = ConfigUpdateFixtures.sampleChannel();
        ChannelConfig maintenance = applied(normal, orderer(normal, ct -> ct.setState(ConsensusType.State.STATE_MAINTENANCE)));
        assertEquals(ConsensusType.State.STATE_MAINTENANCE, maintenance.consensusType().orElseThrow().getState());
        ChannelConfig back = applied(maintenance, orderer(maintenance, ct -> ct.setState(ConsensusType.State.STATE_NORMAL)));
        assertEquals(ConsensusType.State.STATE_NORMAL, back.consensusType().orElseThrow().getState());

        // the state and something else in one update
        ConfigGroup withBatch = orderer(normal, ct -> ct.setState(ConsensusType.State.STATE_MAINTENANCE));
        ConfigGroup ord = withBatch.getGroupsOrThrow("Orderer");
        var bs = ord.getValuesOrThrow("BatchSize");
        BatchSize smaller = BatchSize.parseFrom(bs.getValue()).toBuilder().setMaxMessageCount(7).build();
        ConfigGroup both = withBatch.toBuilder().putGroups("Orderer", ord.toBuilder()
                .putValues("BatchSize", bs.toBuilder().setValue(smaller.toByteString()).build()).build()).build();
        assertRefused(normal, both, PREFIX + "config update contain more then just the ConsensusType value in the Orderer group");

        // the state and the etcdraft metadata in the same value
        ConfigGroup stateAndMetadata = ConfigUpdateFixtures.withMetadata(normal, md -> md.toBuilder().removeConsenters(4).build());
        stateAndMetadata = orderer(normal, stateAndMetadata, ct -> ct.setState(ConsensusType.State.STATE_MAINTENANCE));
        assertRefused(normal, stateAndMetadata, PREFIX + "attempted to change ConsensusType.Metadata, but ConsensusType.State "
                + "is changing from STATE_NORMAL to STATE_MAINTENANCE");
    }

    @Test
    void theConsensusTypeChangesOnlyInMaintenanceModeAndOnlyToBft() throws Exception {
        ChannelConfig normal = ConfigUpdateFixtures.sampleChannel();
        assertRefused(normal, orderer(normal, ct -> ct.setType("solo")), PREFIX + "attempted to change consensus type from "
                + "etcdraft to solo, but current config ConsensusType.State is not in maintenance mode");
        assertRefused(normal, orderer(normal, ct -> ct.setType("BFT").setState(ConsensusType.State.STATE_MAINTENANCE)),
                PREFIX + "attempted to change ConsensusType.Type from etcdraft to BFT, but ConsensusType.State is changing "
                        + "from STATE_NORMAL to STATE_MAINTENANCE");

        ChannelConfig maintenance = applied(normal, orderer(normal, ct -> ct.setState(ConsensusType.State.STATE_MAINTENANCE)));
        assertRefused(maintenance, orderer(maintenance, ct -> ct.setType("solo")),
                PREFIX + "attempted to change consensus type from etcdraft to solo, transition not supported");
        assertRefused(maintenance, orderer(maintenance, ct -> ct.setType("BFT")), PREFIX + "attempted to change consensus "
                + "type from etcdraft to BFT: Fabric 3 permits this migration, but RaftLens orders with etcdraft only; "
                + "migrate a Fabric network");
    }

    @Test
    void withoutTheMigrationCapabilityTheStateCannotChange() throws Exception {
        ChannelConfig normal = ConfigUpdateFixtures.sampleChannel();
        // a channel whose Orderer group has capability V1_1 only (before ConsensusTypeMigration existed)
        ConfigGroup root = normal.channelGroup();
        ConfigGroup ord = root.getGroupsOrThrow("Orderer");
        var caps = ord.getValuesOrThrow("Capabilities");
        ConfigGroup old = root.toBuilder().putGroups("Orderer", ord.toBuilder().putValues("Capabilities", caps.toBuilder()
                .setValue(Capabilities.newBuilder().putCapabilities("V1_1", Capability.getDefaultInstance()).build()
                        .toByteString()).build()).build()).build();
        ChannelConfig v11 = ChannelConfig.of("mychannel", normal.config().toBuilder().setChannelGroup(old).build());
        assertRefused(v11, orderer(v11, ct -> ct.setState(ConsensusType.State.STATE_MAINTENANCE)),
                PREFIX + "next config attempted to change ConsensusType.State to STATE_MAINTENANCE, but capability is disabled");
    }

    @Test
    void inMaintenanceModeNormalTransactionsAreRefusedAndOnlyOrdererWritersMaySend() throws Exception {
        ChannelConfig normal = ConfigUpdateFixtures.sampleChannel();
        ChannelConfig maintenance = applied(normal, orderer(normal, ct -> ct.setState(ConsensusType.State.STATE_MAINTENANCE)));
        StandardChannel channel = new StandardChannel(() -> maintenance, false, Clock.systemUTC());
        Envelope tx = Envelopes.signedTransaction("mychannel", ConfigUpdateFixtures.org1User(), ByteString.copyFromUtf8("payload"),
                java.time.Instant.now());
        RejectedMessage e = assertThrows(RejectedMessage.class, () -> channel.processNormal(tx));
        assertEquals(Status.SERVICE_UNAVAILABLE, e.status());
        assertEquals("normal transactions are rejected: maintenance mode", e.info());
    }

    private static void assertRefused(ChannelConfig current, ConfigGroup updated, String message) throws Exception {
        RejectedMessage e = assertThrows(RejectedMessage.class, () -> process(current, updated));
        assertEquals(Status.BAD_REQUEST, e.status());
        assertEquals(message, e.info());
    }

    /** The update to {@code updated}, signed by the orderer organization's admin, processed as Fabric's StandardChannel. */
    private static Envelope process(ChannelConfig current, ConfigGroup updated) throws Exception {
        AtomicReference<ChannelConfig> ref = new AtomicReference<>(current);
        StandardChannel channel = new StandardChannel(ref::get, false, Clock.systemUTC());
        Envelope env = envelope(update(current, updated), List.of(ConfigUpdateFixtures.ordererAdmin()));
        return new ConfigUpdateProcessor(Optional.of(orderer1())).processConfigUpdate(channel, current, env);
    }

    private static ChannelConfig applied(ChannelConfig current, ConfigGroup updated) throws Exception {
        Envelope config = process(current, updated);
        ConfigEnvelope ce = ConfigEnvelope.parseFrom(Payload.parseFrom(config.getPayload()).getData());
        return ChannelConfig.of("mychannel", ce.getConfig());
    }

    private static ConfigGroup orderer(ChannelConfig c, UnaryOperator<ConsensusType.Builder> change) throws Exception {
        return orderer(c, c.channelGroup(), change);
    }

    /** {@code root} with its ConsensusType value changed. */
    private static ConfigGroup orderer(ChannelConfig c, ConfigGroup root, UnaryOperator<ConsensusType.Builder> change)
            throws Exception {
        ConfigGroup ord = root.getGroupsOrThrow("Orderer");
        var value = ord.getValuesOrThrow("ConsensusType");
        ConsensusType ct = change.apply(ConsensusType.parseFrom(value.getValue()).toBuilder()).build();
        return root.toBuilder().putGroups("Orderer", ord.toBuilder()
                .putValues("ConsensusType", value.toBuilder().setValue(ct.toByteString()).build()).build()).build();
    }

    private static SigningIdentity orderer1() throws Exception {
        Path msp = ConfigUpdateFixtures.SAMPLE.resolve("crypto/ordererOrganizations/example.com/orderers/orderer1.example.com/msp");
        try (var s = Files.list(msp.resolve("signcerts"))) {
            return SigningIdentity.fromPemFiles("OrdererMSP", s.findFirst().orElseThrow(), msp.resolve("keystore/priv_sk"));
        }
    }
}
