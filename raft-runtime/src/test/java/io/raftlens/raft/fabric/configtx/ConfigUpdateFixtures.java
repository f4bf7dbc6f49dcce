package io.raftlens.raft.fabric.configtx;

import com.google.protobuf.ByteString;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validator.LoadedConfigtx;
import io.raftlens.raft.configtxgen.ChannelConfigEncoder;
import io.raftlens.raft.configtxgen.ConfigUpdates;
import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.msgprocessor.Envelopes;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigSignature;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;

/**
 * The five-orderers sample's channel config (configtxgen's encoding of samples/five-orderers/configtx.yaml) and its
 * cryptogen identities, and config updates computed against it the way configtxlator/osnadmin users make them.
 */
final class ConfigUpdateFixtures {
    static final Path SAMPLE = Path.of("..", "samples", "five-orderers");
    static final String CHANNEL = "mychannel";

    private ConfigUpdateFixtures() {
    }

    private static ChannelConfig sample;

    /** Encoded once per test JVM: a ChannelConfig is immutable, and encoding the sample costs ~0.5 s. */
    static synchronized ChannelConfig sampleChannel() throws Exception {
        if (sample == null) {
            sample = encodeSample();
        }
        return sample;
    }

    private static ChannelConfig encodeSample() throws Exception {
        Configtx c = LoadedConfigtx.read(SAMPLE.resolve("configtx.yaml")).model().orElseThrow();
        ConfigGroup group = ChannelConfigEncoder.defaults().checkedChannelGroup(c.profile("ChannelUsingRaft").orElseThrow());
        return ChannelConfig.of(CHANNEL, Config.newBuilder().setChannelGroup(group).build());
    }

    static SigningIdentity identity(String mspId, String org, String user) throws Exception {
        Path msp = SAMPLE.resolve("crypto").resolve(org.equals("example.com") ? "ordererOrganizations" : "peerOrganizations")
                .resolve(org).resolve("users").resolve(user + "@" + org).resolve("msp");
        return SigningIdentity.fromPemFiles(mspId, first(msp.resolve("signcerts")), first(msp.resolve("keystore")));
    }

    static SigningIdentity ordererAdmin() throws Exception {
        return identity("OrdererMSP", "example.com", "Admin");
    }

    static SigningIdentity org1Admin() throws Exception {
        return identity("Org1MSP", "org1.example.com", "Admin");
    }

    static SigningIdentity org1User() throws Exception {
        return identity("Org1MSP", "org1.example.com", "User1");
    }

    private static Path first(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().findFirst().orElseThrow();
        }
    }

    static ConfigMetadata etcdraft(ChannelConfig c) throws Exception {
        return ConfigMetadata.parseFrom(c.consensusType().orElseThrow().getMetadata());
    }

    /** The channel group with the Orderer's ConsensusType metadata changed. */
    static ConfigGroup withMetadata(ChannelConfig c, UnaryOperator<ConfigMetadata> change) throws Exception {
        ConfigGroup root = c.channelGroup();
        ConfigGroup orderer = root.getGroupsOrThrow("Orderer");
        var value = orderer.getValuesOrThrow("ConsensusType");
        ConsensusType ct = ConsensusType.parseFrom(value.getValue());
        ConsensusType updated = ct.toBuilder().setMetadata(change.apply(etcdraft(c)).toByteString()).build();
        return root.toBuilder().putGroups("Orderer", orderer.toBuilder()
                .putValues("ConsensusType", value.toBuilder().setValue(updated.toByteString()).build()).build()).build();
    }

    static ConfigUpdate update(ChannelConfig c, ConfigGroup updated) {
        return ConfigUpdates.compute(c.channelGroup(), updated).toBuilder().setChannelId(CHANNEL).build();
    }

    /** A CONFIG_UPDATE envelope: the update signed by {@code signers} (peer channel signconfigtx), sent by the first. */
    static Envelope envelope(ConfigUpdate update, List<SigningIdentity> signers) {
        ConfigUpdateEnvelope.Builder cue = ConfigUpdateEnvelope.newBuilder().setConfigUpdate(update.toByteString());
        for (SigningIdentity s : signers) {
            SignatureHeader sh = SignatureHeader.newBuilder().setCreator(s.serializedBytes())
                    .setNonce(ByteString.copyFrom(Envelopes.nonce())).build();
            byte[] signed = sh.toByteString().concat(update.toByteString()).toByteArray();
            cue.addSignatures(ConfigSignature.newBuilder().setSignatureHeader(sh.toByteString())
                    .setSignature(ByteString.copyFrom(s.sign(signed))));
        }
        return Envelopes.signed(HeaderType.CONFIG_UPDATE, CHANNEL, signers.get(0), cue.build());
    }
}
