package io.raftlens.raft.network;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.raftlens.raft.configtxgen.ConfigUpdates;
import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.msgprocessor.Envelopes;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigSignature;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;

/**
 * The CONFIG_UPDATE an operator sends to change a channel's consenters, made the way Fabric's docs make it
 * (configtxlator compute-update of the current config against one with the new etcdraft consenter set, then
 * {@code peer channel signconfigtx} by each admin and {@code peer channel update} by the first).
 */
final class ConsenterConfigUpdate {

    private ConsenterConfigUpdate() {
    }

    /** The update replacing {@code current}'s etcdraft consenters by {@code updated}'s. */
    static ConfigUpdate compute(ChannelConfig current, ConfigMetadata updated) {
        ConfigGroup root = current.channelGroup();
        ConfigGroup orderer = root.getGroupsOrThrow("Orderer");
        ConfigValue value = orderer.getValuesOrThrow("ConsensusType");
        ConsensusType ct;
        try {
            ct = ConsensusType.parseFrom(value.getValue());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("channel " + current.channelId() + ": malformed ConsensusType: " + e.getMessage(), e);
        }
        ConfigValue newValue = value.toBuilder().setValue(ct.toBuilder().setMetadata(updated.toByteString()).build().toByteString()).build();
        ConfigGroup next = root.toBuilder().putGroups("Orderer", orderer.toBuilder().putValues("ConsensusType", newValue).build()).build();
        return ConfigUpdates.compute(root, next).toBuilder().setChannelId(current.channelId()).build();
    }

    /** The signed CONFIG_UPDATE envelope; with no signers, unsigned (what a config with no organizations accepts). */
    static Envelope envelope(String channelId, ConfigUpdate update, List<SigningIdentity> signers) {
        ConfigUpdateEnvelope.Builder cue = ConfigUpdateEnvelope.newBuilder().setConfigUpdate(update.toByteString());
        for (SigningIdentity s : signers) {
            SignatureHeader sh = SignatureHeader.newBuilder().setCreator(s.serializedBytes())
                    .setNonce(ByteString.copyFrom(Envelopes.nonce())).build();
            byte[] signed = sh.toByteString().concat(update.toByteString()).toByteArray();
            cue.addSignatures(ConfigSignature.newBuilder().setSignatureHeader(sh.toByteString())
                    .setSignature(ByteString.copyFrom(s.sign(signed))));
        }
        if (!signers.isEmpty()) {
            return Envelopes.signed(HeaderType.CONFIG_UPDATE, channelId, signers.get(0), cue.build());
        }
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(Envelopes.channelHeader(HeaderType.CONFIG_UPDATE, channelId, Instant.now()).build().toByteString())
                        .setSignatureHeader(SignatureHeader.getDefaultInstance().toByteString()))
                .setData(cue.build().toByteString()).build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build();
    }
}
