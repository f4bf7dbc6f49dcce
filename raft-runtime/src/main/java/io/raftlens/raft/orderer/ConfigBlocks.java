package io.raftlens.raft.orderer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
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

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The CONFIG transaction an orderer writes for a channel config update that changes the etcdraft metadata: the
 * previous config with the Orderer group's ConsensusType metadata replaced (that value's version + 1) and the
 * config sequence + 1, wrapped in a ConfigEnvelope whose last_update is the CONFIG_UPDATE that asked for it (a
 * write set touching only ConsensusType). It goes alone into a block, as Fabric cuts config transactions.
 */
public final class ConfigBlocks {

    /** The parts of a config block an orderer needs to apply the next update. */
    public record ChannelConfig(String channelId, long sequence, Config config, ConfigMetadata etcdRaft) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private ConfigBlocks() {
    }

    /** Reads the channel config of a config block (the genesis block or a later one). */
    public static ChannelConfig read(Block block) {
        if (!Blocks.isConfigBlock(block)) {
            throw new IllegalArgumentException("block " + block.getHeader().getNumber() + " is not a config block");
        }
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(0)).getPayload());
            ChannelHeader ch = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            Config config = ConfigEnvelope.parseFrom(payload.getData()).getConfig();
            return new ChannelConfig(ch.getChannelId(), config.getSequence(), config,
                    GenesisBlock.read(block).etcdRaft());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("malformed config block " + block.getHeader().getNumber() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The etcdraft metadata of a CONFIG envelope's config (what the chain applies when its block is written).
     *
     * @throws IllegalArgumentException when the envelope holds no parsable etcdraft consensus metadata
     */
    public static ConfigMetadata etcdRaft(Envelope config) {
        try {
            Payload payload = Payload.parseFrom(config.getPayload());
            ChannelHeader ch = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (ch.getType() != HeaderType.CONFIG_VALUE) {
                throw new IllegalArgumentException("not a CONFIG envelope (header type " + ch.getType() + ")");
            }
            Config c = ConfigEnvelope.parseFrom(payload.getData()).getConfig();
            ConfigGroup orderer = c.getChannelGroup().getGroupsMap().get("Orderer");
            ConfigValue v = orderer == null ? null : orderer.getValuesMap().get("ConsensusType");
            if (v == null) {
                throw new IllegalArgumentException("the config has no Orderer ConsensusType");
            }
            return ConfigMetadata.parseFrom(ConsensusType.parseFrom(v.getValue()).getMetadata());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("malformed CONFIG envelope: " + e.getMessage(), e);
        }
    }

    /**
     * The CONFIG envelope that replaces the etcdraft metadata of {@code previous}'s config with {@code updated}, unsigned
     * and with no admin signature on its last_update. The chain no longer orders these (config updates go through
     * Fabric's config path); tests use it as a forged CONFIG that the message processor must refuse.
     */
    public static Envelope configEnvelope(Block previous, ConfigMetadata updated, Instant now) {
        ChannelConfig prev = read(previous);
        ConfigGroup channel = prev.config().getChannelGroup();
        ConfigGroup orderer = channel.getGroupsOrThrow("Orderer");
        ConfigValue oldValue = orderer.getValuesOrThrow("ConsensusType");
        ConsensusType ct;
        try {
            ct = ConsensusType.parseFrom(oldValue.getValue());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("malformed ConsensusType in config block "
                    + previous.getHeader().getNumber() + ": " + e.getMessage(), e);
        }
        ConfigValue newValue = oldValue.toBuilder().setVersion(oldValue.getVersion() + 1)
                .setValue(ct.toBuilder().setMetadata(updated.toByteString()).build().toByteString()).build();
        ConfigGroup newOrderer = orderer.toBuilder().putValues("ConsensusType", newValue).build();
        Config config = prev.config().toBuilder().setSequence(prev.sequence() + 1)
                .setChannelGroup(channel.toBuilder().putGroups("Orderer", newOrderer)).build();

        ConfigUpdate update = ConfigUpdate.newBuilder().setChannelId(prev.channelId())
                .setReadSet(ConfigGroup.newBuilder().setVersion(channel.getVersion())
                        .putGroups("Orderer", ConfigGroup.newBuilder().setVersion(orderer.getVersion()).build()))
                .setWriteSet(ConfigGroup.newBuilder().setVersion(channel.getVersion())
                        .putGroups("Orderer", ConfigGroup.newBuilder().setVersion(orderer.getVersion())
                                .setModPolicy(orderer.getModPolicy()).putValues("ConsensusType", newValue).build()))
                .build();
        Envelope lastUpdate = envelope(prev.channelId(), HeaderType.CONFIG_UPDATE,
                ConfigUpdateEnvelope.newBuilder().setConfigUpdate(update.toByteString()).build().toByteString(), now);
        return envelope(prev.channelId(), HeaderType.CONFIG,
                ConfigEnvelope.newBuilder().setConfig(config).setLastUpdate(lastUpdate).build().toByteString(), now);
    }

    private static Envelope envelope(String channelId, HeaderType type, ByteString data, Instant now) {
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        ChannelHeader ch = ChannelHeader.newBuilder().setType(type.getNumber()).setVersion(1).setChannelId(channelId)
                .setTxId(HexFormat.of().formatHex(Blocks.sha256().digest(nonce))).setEpoch(0)
                .setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(ch.toByteString())
                        .setSignatureHeader(SignatureHeader.newBuilder().setNonce(ByteString.copyFrom(nonce)).build()
                                .toByteString()))
                .setData(data).build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build();
    }
}
