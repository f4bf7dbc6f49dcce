package io.raftlens.raft.fabric.configtx;

import static io.raftlens.raft.fabric.configtx.ConfigUpdateFixtures.envelope;
import static io.raftlens.raft.fabric.configtx.ConfigUpdateFixtures.update;
import static io.raftlens.raft.fabric.configtx.ConfigUpdateFixtures.withMetadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.msgprocessor.ConfigUpdateProcessor;
import io.raftlens.raft.fabric.msgprocessor.RejectedMessage;
import io.raftlens.raft.fabric.msgprocessor.StandardChannel;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import io.raftlens.raft.fabric.policy.PolicyManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Status;
import org.junit.jupiter.api.Test;

/**
 * Fabric's ProcessConfigUpdateMsg and ProcessConfigMsg on the five-orderers sample: the CONFIG envelope is signed by
 * the orderer (and passes the channel's Writers filter), and a CONFIG validated before the config moved on is
 * refused when processed again, as etcdraft's leader does when the config sequence has advanced.
 */
class ConfigUpdateProcessorTest {

    private static SigningIdentity orderer1() throws Exception {
        Path msp = ConfigUpdateFixtures.SAMPLE.resolve("crypto/ordererOrganizations/example.com/orderers/orderer1.example.com/msp");
        try (var s = Files.list(msp.resolve("signcerts"))) {
            return SigningIdentity.fromPemFiles("OrdererMSP", s.findFirst().orElseThrow(), msp.resolve("keystore/priv_sk"));
        }
    }

    @Test
    void aConfigUpdateBecomesAnOrdererSignedConfigAndIsRevalidatedAfterTheSequenceMoves() throws Exception {
        ChannelConfig c0 = ConfigUpdateFixtures.sampleChannel();
        AtomicReference<ChannelConfig> current = new AtomicReference<>(c0);
        StandardChannel channel = new StandardChannel(current::get, false, Clock.systemUTC());
        ConfigUpdateProcessor processor = new ConfigUpdateProcessor(Optional.of(orderer1()));
        Envelope update = envelope(update(c0, withMetadata(c0, md -> md.toBuilder().removeConsenters(4).build())),
                List.of(ConfigUpdateFixtures.ordererAdmin()));

        Envelope config = processor.processConfigUpdate(channel, c0, update);
        Payload p = Payload.parseFrom(config.getPayload());
        ChannelHeader ch = ChannelHeader.parseFrom(p.getHeader().getChannelHeader());
        assertEquals(HeaderType.CONFIG_VALUE, ch.getType());
        assertEquals(0, ch.getVersion());
        assertEquals("", ch.getTxId());
        ConfigEnvelope ce = ConfigEnvelope.parseFrom(p.getData());
        assertEquals(update, ce.getLastUpdate());
        // the orderer's signature satisfies the channel's orderer Writers (Fabric's final checks)
        c0.policyManager().policyOrReject(PolicyManager.CHANNEL_ORDERER_WRITERS)
                .evaluateSignedData(io.raftlens.raft.fabric.msgprocessor.Envelopes.asSignedData(config));
        // processed again against the same config: the same config
        Envelope again = processor.processConfig(channel, c0, config);
        assertEquals(ce.getConfig(), ConfigEnvelope.parseFrom(Payload.parseFrom(again.getPayload()).getData()).getConfig());

        // the config moved on (this update was applied): processing it again is refused with Fabric's message
        ChannelConfig c1 = ChannelConfig.of("mychannel", ce.getConfig());
        current.set(c1);
        RejectedMessage e = assertThrows(RejectedMessage.class, () -> processor.processConfig(channel, c1, config));
        assertEquals(Status.BAD_REQUEST, e.status());
        assertEquals("error applying config update to existing channel 'mychannel': error authorizing update: error "
                + "validating DeltaSet: attempt to set key [Value]  /Channel/Orderer/ConsensusType to version 1, but key is "
                + "at version 1", e.info());
    }

    @Test
    void initialChecksComeFirst() throws Exception {
        ChannelConfig c0 = ConfigUpdateFixtures.sampleChannel();
        StandardChannel channel = new StandardChannel(() -> c0, false, Clock.systemUTC());
        ConfigUpdateProcessor processor = new ConfigUpdateProcessor(Optional.empty());
        Envelope update = envelope(update(c0, withMetadata(c0, md -> md.toBuilder().removeConsenters(4).build())),
                List.of(ConfigUpdateFixtures.ordererAdmin()));
        Envelope unsigned = update.toBuilder().clearSignature().build();
        RejectedMessage e = assertThrows(RejectedMessage.class, () -> processor.processConfigUpdate(channel, c0, unsigned));
        assertEquals(Status.FORBIDDEN, e.status());
        assertEquals("config update for existing channel did not pass initial checks: implicit policy evaluation failed - 0 "
                + "sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied: "
                + "permission denied", e.info());
    }
}
