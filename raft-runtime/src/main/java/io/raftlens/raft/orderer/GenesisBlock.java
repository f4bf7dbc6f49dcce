package io.raftlens.raft.orderer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.protos.common.BlockDataHashingStructure;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.Capability;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HashingAlgorithm;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.BatchTimeout;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;

/**
 * Block 0 of a channel: one CONFIG envelope, built the way configtxgen's genesis factory builds it
 * ({@code NewBlock(0, nil)}, data hash, LAST_CONFIG and SIGNATURES metadata pointing at block 0).
 *
 * <p>The config holds the ordering part of a channel: the Channel group with HashingAlgorithm SHA256,
 * BlockDataHashingStructure (width 4294967295), Capabilities V3_0 and the implicit-meta Readers/Writers/Admins
 * policies; and an Orderer group with BatchSize, BatchTimeout, ConsensusType {@code etcdraft} (metadata =
 * the etcdraft ConfigMetadata: consenters and options), Capabilities V2_0 and the Readers/Writers/Admins/
 * BlockValidation policies. It has no organisation groups (no MSPs): RaftLens's nodes do not check signatures.
 *
 * <p>{@link #create(String, BatchSize, Duration, ConfigMetadata)} builds a partial config (tests, benchmarks); the
 * channel configuration configtxgen builds comes from {@code configtxgen.ChannelConfigEncoder} and is wrapped
 * by {@link #create(String, ConfigGroup, Stamp)}. With {@link Stamp#deterministic} every node that builds block 0
 * from the same configuration gets the same bytes and the same block hash.
 */
public final class GenesisBlock {
    public static final String CONSENSUS_TYPE = "etcdraft";

    /** What block 0 says about ordering, read back by {@link #read}. */
    public record OrderingConfig(String channelId, BatchSize batchSize, Duration batchTimeout, ConfigMetadata etcdRaft) {
    }

    private GenesisBlock() {
    }

    public static Block create(String channelId, BatchSize batchSize, Duration batchTimeout, ConfigMetadata etcdRaft) {
        BlockCutter.validate(batchSize, batchTimeout);
        ConfigGroup orderer = ConfigGroup.newBuilder()
                .putValues("BatchSize", value(batchSize.toByteString()))
                .putValues("BatchTimeout", value(BatchTimeout.newBuilder()
                        .setTimeout(GoDuration.format(batchTimeout)).build().toByteString()))
                .putValues("ConsensusType", value(ConsensusType.newBuilder().setType(CONSENSUS_TYPE)
                        .setMetadata(etcdRaft.toByteString()).setState(ConsensusType.State.STATE_NORMAL)
                        .build().toByteString()))
                .putValues("Capabilities", value(capabilities("V2_0")))
                .putPolicies("Readers", implicitMeta("Readers", ImplicitMetaPolicy.Rule.ANY))
                .putPolicies("Writers", implicitMeta("Writers", ImplicitMetaPolicy.Rule.ANY))
                .putPolicies("Admins", implicitMeta("Admins", ImplicitMetaPolicy.Rule.MAJORITY))
                .putPolicies("BlockValidation", implicitMeta("Writers", ImplicitMetaPolicy.Rule.ANY))
                .setModPolicy("Admins")
                .build();
        ConfigGroup channel = ConfigGroup.newBuilder()
                .putGroups("Orderer", orderer)
                .putValues("HashingAlgorithm", value(HashingAlgorithm.newBuilder().setName("SHA256").build().toByteString()))
                .putValues("BlockDataHashingStructure", value(BlockDataHashingStructure.newBuilder()
                        .setWidth(0xFFFFFFFF).build().toByteString()))
                .putValues("Capabilities", value(capabilities("V3_0")))
                .putPolicies("Readers", implicitMeta("Readers", ImplicitMetaPolicy.Rule.ANY))
                .putPolicies("Writers", implicitMeta("Writers", ImplicitMetaPolicy.Rule.ANY))
                .putPolicies("Admins", implicitMeta("Admins", ImplicitMetaPolicy.Rule.MAJORITY))
                .setModPolicy("Admins")
                .build();

        return create(channelId, channel, Stamp.deterministic(channelId));
    }

    /**
     * The nonce and time of a genesis block's headers. configtxgen takes 24 random bytes and the current second;
     * a launched network takes a nonce derived from the channel name and no time, so that every node — also in
     * separate processes — builds the same block 0 from the same configuration.
     */
    public record Stamp(byte[] nonce, long epochSecond) {
        public static Stamp now() {
            byte[] nonce = new byte[24];
            new java.security.SecureRandom().nextBytes(nonce);
            return new Stamp(nonce, java.time.Instant.now().getEpochSecond());
        }

        public static Stamp deterministic(String channelId) {
            return new Stamp(java.util.Arrays.copyOf(Blocks.sha256()
                    .digest(("raftlens genesis " + channelId).getBytes(StandardCharsets.UTF_8)), 24), 0);
        }
    }

    /**
     * Fabric's {@code genesis.NewFactoryImpl(channelGroup).Block(channelID)}: one CONFIG envelope (header version 1,
     * epoch 0, tx id = hex(SHA-256(nonce)) as there is no creator, no signature), data hash, and LAST_CONFIG and
     * SIGNATURES metadata pointing at block 0.
     */
    public static Block create(String channelId, ConfigGroup channel, Stamp stamp) {
        SignatureHeader sigHeader = SignatureHeader.newBuilder().setNonce(ByteString.copyFrom(stamp.nonce())).build();
        // Fabric's ComputeTxID: hex(SHA-256(nonce || creator))
        String txId = HexFormat.of().formatHex(Blocks.sha256().digest(stamp.nonce()));
        ChannelHeader.Builder chHeader = ChannelHeader.newBuilder().setType(HeaderType.CONFIG_VALUE).setVersion(1)
                .setChannelId(channelId).setTxId(txId).setEpoch(0);
        if (stamp.epochSecond() != 0) {
            chHeader.setTimestamp(com.google.protobuf.Timestamp.newBuilder().setSeconds(stamp.epochSecond()));
        }
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(chHeader.build().toByteString())
                        .setSignatureHeader(sigHeader.toByteString()))
                .setData(ConfigEnvelope.newBuilder().setConfig(Config.newBuilder().setChannelGroup(channel))
                        .build().toByteString())
                .build();
        Envelope envelope = Envelope.newBuilder().setPayload(payload.toByteString()).build();

        Block.Builder b = Blocks.newBlock(0, null).setData(Blocks.data(List.of(envelope)));
        b.getHeaderBuilder().setDataHash(ByteString.copyFrom(Blocks.dataHash(b.getData())));
        LastConfig lastConfig = LastConfig.newBuilder().setIndex(0).build();
        b.getMetadataBuilder().setMetadata(Blocks.LAST_CONFIG_SLOT,
                Metadata.newBuilder().setValue(lastConfig.toByteString()).build().toByteString());
        b.getMetadataBuilder().setMetadata(BlockMetadataIndex.SIGNATURES_VALUE,
                Metadata.newBuilder().setValue(OrdererBlockMetadata.newBuilder().setLastConfig(lastConfig)
                        .build().toByteString()).build().toByteString());
        return b.build();
    }

    /** Reads the ordering configuration back from a config block. */
    public static OrderingConfig read(Block block) {
        try {
            if (!Blocks.isConfigBlock(block)) {
                throw new IllegalArgumentException("block " + block.getHeader().getNumber() + " is not a config block");
            }
            Envelope env = Envelope.parseFrom(block.getData().getData(0));
            Payload payload = Payload.parseFrom(env.getPayload());
            ChannelHeader ch = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            ConfigGroup channel = ConfigEnvelope.parseFrom(payload.getData()).getConfig().getChannelGroup();
            ConfigGroup orderer = channel.getGroupsOrThrow("Orderer");
            BatchSize size = BatchSize.parseFrom(orderer.getValuesOrThrow("BatchSize").getValue());
            Duration timeout = GoDuration.parse(
                    BatchTimeout.parseFrom(orderer.getValuesOrThrow("BatchTimeout").getValue()).getTimeout());
            ConsensusType ct = ConsensusType.parseFrom(orderer.getValuesOrThrow("ConsensusType").getValue());
            if (!CONSENSUS_TYPE.equals(ct.getType())) {
                throw new IllegalArgumentException("channel " + ch.getChannelId() + " uses consensus type "
                        + ct.getType() + ", not etcdraft");
            }
            return new OrderingConfig(ch.getChannelId(), size, timeout, ConfigMetadata.parseFrom(ct.getMetadata()));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("malformed config block: " + e.getMessage(), e);
        }
    }

    private static ConfigValue value(ByteString v) {
        return ConfigValue.newBuilder().setValue(v).setModPolicy("Admins").build();
    }

    private static ByteString capabilities(String name) {
        return Capabilities.newBuilder().putCapabilities(name, Capability.getDefaultInstance()).build().toByteString();
    }

    private static ConfigPolicy implicitMeta(String subPolicy, ImplicitMetaPolicy.Rule rule) {
        Policy p = Policy.newBuilder().setType(Policy.PolicyType.IMPLICIT_META_VALUE)
                .setValue(ImplicitMetaPolicy.newBuilder().setSubPolicy(subPolicy).setRule(rule).build().toByteString())
                .build();
        return ConfigPolicy.newBuilder().setPolicy(p).setModPolicy("Admins").build();
    }
}
