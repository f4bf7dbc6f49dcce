package io.raftlens.raft.fabric.configtx;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.raftlens.config.value.GoDuration;
import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hyperledger.fabric.protos.common.BlockDataHashingStructure;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.HashingAlgorithm;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.BatchTimeout;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;
import org.hyperledger.fabric.protos.orderer.etcdraft.Options;

/**
 * What Fabric checks of a proposed config before it orders it (ChainSupport.ProposeConfigUpdate after the configtx
 * validator): the new bundle must build ({@code channelconfig.NewChannelConfig}: groups, hashing, BatchSize,
 * BatchTimeout, MSPs, policies), {@code Bundle.ValidateNew} against the current one, and etcdraft's
 * {@code ValidateConsensusMetadata} without the live part (quorum loss needs the cluster, the chain checks it);
 * consenter TLS certificates are verified against the orderer organizations' TLS CAs ({@link ConsenterTlsChecks}).
 */
public final class ConfigValueChecks {
    /** Fabric's ProposeConfigUpdate wrapping of ValidateConsensusMetadata errors. */
    public static final String METADATA_PREFIX = "consensus metadata update for channel config update is invalid";
    private static final long MAX_UINT32 = 0xffffffffL;
    /** Channel capabilities whose ConsensusTypeMigration() is true (capabilities/channel.go). */
    private static final Set<String> CHANNEL_MIGRATION_CAPABILITIES = Set.of("V1_4_2", "V1_4_3", "V2_0", "V3_0");

    private ConfigValueChecks() {
    }

    /** Builds and checks {@code proposed} against {@code current}; the new config's bundle on success. */
    public static ChannelConfig check(ChannelConfig current, Config proposed) throws ConfigtxException {
        ChannelConfig next;
        try {
            next = ChannelConfig.of(current.channelId(), proposed);
        } catch (ConfigException e) {
            throw new ConfigtxException(e.getMessage());
        }
        checkChannel(next);
        checkOrderer(next);
        validateNew(current, next);
        validateConsensusMetadata(current, next);
        return next;
    }

    /** channel.go: the allowed groups, HashingAlgorithm, BlockDataHashingStructure, global OrdererAddresses. */
    static void checkChannel(ChannelConfig c) throws ConfigtxException {
        ConfigGroup root = c.channelGroup();
        for (String group : root.getGroupsMap().keySet()) {
            if (!List.of(ChannelConfig.ORDERER, ChannelConfig.APPLICATION, ChannelConfig.CONSORTIUMS).contains(group)) {
                throw new ConfigtxException("Disallowed channel group: " + group);
            }
        }
        var hashing = root.getValuesMap().get("HashingAlgorithm");
        String name = hashing == null ? "" : parse(HashingAlgorithm.parser(), hashing.getValue(), "HashingAlgorithm").getName();
        if (!name.equals("SHA256") && !name.equals("SHA3_256")) {
            throw new ConfigtxException("Unknown hashing algorithm type: " + name);
        }
        var structure = root.getValuesMap().get("BlockDataHashingStructure");
        long width = structure == null ? 0
                : Integer.toUnsignedLong(parse(BlockDataHashingStructure.parser(), structure.getValue(), "BlockDataHashingStructure").getWidth());
        if (width != MAX_UINT32) {
            throw new ConfigtxException("BlockDataHashStructure width only supported at MaxUint32 in this version");
        }
        if (c.channelCapabilities().contains("V3_0") && root.containsValues("OrdererAddresses")) {
            throw new ConfigtxException("global OrdererAddresses are not allowed with V3_0 capability, use org specific addresses only");
        }
    }

    /** orderer.go: organizations without sub-groups, BatchSize and BatchTimeout limits. */
    static void checkOrderer(ChannelConfig c) throws ConfigtxException {
        Optional<ConfigGroup> orderer = c.group(ChannelConfig.ORDERER);
        if (orderer.isEmpty()) {
            return;
        }
        for (ConfigGroup org : orderer.get().getGroupsMap().values()) {
            if (org.getGroupsCount() > 0) {
                throw new ConfigtxException("OrdererOrg config does not allow sub-groups");
            }
        }
        var bs = orderer.get().getValuesMap().get("BatchSize");
        BatchSize b = bs == null ? BatchSize.getDefaultInstance() : parse(BatchSize.parser(), bs.getValue(), "BatchSize");
        if (b.getMaxMessageCount() == 0) {
            throw new ConfigtxException("Attempted to set the batch size max message count to an invalid value: 0");
        }
        if (b.getAbsoluteMaxBytes() == 0) {
            throw new ConfigtxException("Attempted to set the batch size absolute max bytes to an invalid value: 0");
        }
        if (b.getPreferredMaxBytes() == 0) {
            throw new ConfigtxException("Attempted to set the batch size preferred max bytes to an invalid value: 0");
        }
        if (Integer.compareUnsigned(b.getPreferredMaxBytes(), b.getAbsoluteMaxBytes()) > 0) {
            throw new ConfigtxException("Attempted to set the batch size preferred max bytes ("
                    + Integer.toUnsignedString(b.getPreferredMaxBytes()) + ") greater than the absolute max bytes ("
                    + Integer.toUnsignedString(b.getAbsoluteMaxBytes()) + ").");
        }
        var bt = orderer.get().getValuesMap().get("BatchTimeout");
        String timeout = bt == null ? "" : parse(BatchTimeout.parser(), bt.getValue(), "BatchTimeout").getTimeout();
        GoDuration.Parsed d = GoDuration.parse(timeout);
        if (!d.ok()) {
            throw new ConfigtxException("Attempted to set the batch timeout to a invalid value: " + d.error());
        }
        if (d.value().isNegative() || d.value().isZero()) {
            throw new ConfigtxException("Attempted to set the batch timeout to a non-positive value: " + timeout);
        }
    }

    /** Bundle.ValidateNew. */
    static void validateNew(ChannelConfig current, ChannelConfig next) throws ConfigtxException {
        if (current.group(ChannelConfig.ORDERER).isPresent()) {
            if (next.group(ChannelConfig.ORDERER).isEmpty()) {
                throw new ConfigtxException("current config has orderer section, but new config does not");
            }
            // without the channel capability ConsensusTypeMigration no type change passes; with it, the
            // maintenance filter (msgprocessor.MaintenanceFilter) decides, after the update has been proposed
            String from = current.consensusType().map(ConsensusType::getType).orElse("");
            String to = next.consensusType().map(ConsensusType::getType).orElse("");
            if (current.channelCapabilities().stream().noneMatch(CHANNEL_MIGRATION_CAPABILITIES::contains) && !from.equals(to)) {
                throw new ConfigtxException("attempted to change consensus type from " + from + " to " + to);
            }
            // moving the channel to capability V3_0 insists on per-organization orderer endpoints
            if (!current.channelCapabilities().contains("V3_0") && next.channelCapabilities().contains("V3_0")) {
                for (var org : next.group(ChannelConfig.ORDERER).get().getGroupsMap().entrySet()) {
                    if (endpoints(org.getValue()) == 0) {
                        throw new ConfigtxException("illegal orderer config update detected: endpoints of org "
                                + org.getKey() + " are missing");
                    }
                }
            }
            sameMspIds(current, next, "/Channel/Orderer/", "orderer org ");
        }
        if (current.group(ChannelConfig.APPLICATION).isPresent()) {
            if (next.group(ChannelConfig.APPLICATION).isEmpty()) {
                throw new ConfigtxException("current config has application section, but new config does not");
            }
            sameMspIds(current, next, "/Channel/Application/", "application org ");
        }
        if (current.group(ChannelConfig.CONSORTIUMS).isEmpty() && next.group(ChannelConfig.CONSORTIUMS).isPresent()) {
            throw new ConfigtxException("current config has no consortiums section, but new config does");
        }
        if (current.group(ChannelConfig.CONSORTIUMS).isPresent() && next.group(ChannelConfig.CONSORTIUMS).isEmpty()) {
            throw new ConfigtxException("current config has consortiums section, but new config does not");
        }
    }

    private static void sameMspIds(ChannelConfig current, ChannelConfig next, String section, String what)
            throws ConfigtxException {
        Map<String, String> before = current.organizationMspIds();
        Map<String, String> after = next.organizationMspIds();
        for (var e : before.entrySet()) {
            if (!e.getKey().startsWith(section) || !after.containsKey(e.getKey())) {
                continue;
            }
            if (!e.getValue().equals(after.get(e.getKey()))) {
                throw new ConfigtxException(what + e.getKey().substring(section.length()) + " attempted to change MSP ID from "
                        + e.getValue() + " to " + after.get(e.getKey()));
            }
        }
    }

    /**
     * etcdraft's ValidateConsensusMetadata for an existing channel, minus the quorum-loss check: only when the
     * metadata changed, it must parse, pass VerifyConfigMetadata and change at most one consenter.
     */
    static void validateConsensusMetadata(ChannelConfig current, ChannelConfig next) throws ConfigtxException {
        Optional<ConsensusType> ct = next.consensusType();
        if (ct.isEmpty() || !ct.get().getType().equals("etcdraft")) {
            return;
        }
        ByteString oldBytes = current.consensusType().map(ConsensusType::getMetadata).orElse(ByteString.EMPTY);
        if (ct.get().getMetadata().equals(oldBytes)) {
            return;
        }
        ConfigMetadata updated;
        ConfigMetadata old;
        try {
            updated = ConfigMetadata.parseFrom(ct.get().getMetadata());
        } catch (InvalidProtocolBufferException e) {
            throw new ConfigtxException(METADATA_PREFIX + ": failed to unmarshal new etcdraft metadata configuration: "
                    + e.getMessage());
        }
        try {
            old = ConfigMetadata.parseFrom(oldBytes);
        } catch (InvalidProtocolBufferException e) {
            old = ConfigMetadata.getDefaultInstance();
        }
        ConsenterTlsChecks tls;
        try {
            tls = ConsenterTlsChecks.of(next, Instant.now());
        } catch (ConfigtxException e) {
            throw new ConfigtxException(METADATA_PREFIX + ": failed to create x509 verify options from old and new orderer "
                    + "config: " + e.getMessage());
        }
        String invalid = verifyConfigMetadata(updated, tls);
        if (invalid != null) {
            throw new ConfigtxException(METADATA_PREFIX + ": invalid new config metadata: " + invalid);
        }
        Set<ByteString> before = new HashSet<>();
        old.getConsentersList().forEach(c -> before.add(c.getClientTlsCert()));
        Set<ByteString> after = new HashSet<>();
        updated.getConsentersList().forEach(c -> after.add(c.getClientTlsCert()));
        long added = after.stream().filter(c -> !before.contains(c)).count();
        long removed = before.stream().filter(c -> !after.contains(c)).count();
        if (added > 1 || removed > 1) {
            throw new ConfigtxException(METADATA_PREFIX + ": update of more than one consenter at a time is not supported, "
                    + "requested changes: add " + added + " node(s), remove " + removed + " node(s)");
        }
        // chain.go: the new metadata was verified ignoring expiry; a consenter being added must also be valid now
        for (Consenter c : updated.getConsentersList()) {
            if (before.contains(c.getClientTlsCert())) {
                continue;
            }
            String expired = tls.validate(c, false);
            if (expired != null) {
                throw new ConfigtxException(METADATA_PREFIX + ": consenter " + c.getHost() + ":" + c.getPort()
                        + " has invalid certificates: " + expired);
            }
        }
    }

    /**
     * etcdraft's VerifyConfigMetadata: options, consenters' TLS certificates verified against the orderer
     * organizations' TLS CAs ({@code tls}; expiry ignored), no duplicates. Null when valid.
     */
    static String verifyConfigMetadata(ConfigMetadata md, ConsenterTlsChecks tls) {
        if (!md.hasOptions()) {
            return "nil Raft config metadata options";
        }
        Options o = md.getOptions();
        if (o.getHeartbeatTick() == 0 || o.getElectionTick() == 0 || o.getMaxInflightBlocks() == 0) {
            return "none of HeartbeatTick (" + Integer.toUnsignedString(o.getHeartbeatTick()) + "), ElectionTick ("
                    + Integer.toUnsignedString(o.getElectionTick()) + ") and MaxInflightBlocks ("
                    + Integer.toUnsignedString(o.getMaxInflightBlocks()) + ") can be zero";
        }
        if (Integer.compareUnsigned(o.getElectionTick(), o.getHeartbeatTick()) <= 0) {
            return "ElectionTick (" + Integer.toUnsignedString(o.getElectionTick()) + ") must be greater than HeartbeatTick ("
                    + Integer.toUnsignedString(o.getHeartbeatTick()) + ")";
        }
        GoDuration.Parsed tick = GoDuration.parse(o.getTickInterval());
        if (!tick.ok()) {
            return "failed to parse TickInterval (" + o.getTickInterval() + ") to time duration: " + tick.error();
        }
        if (tick.value().isZero()) {
            return "TickInterval cannot be zero";
        }
        if (tick.value().isNegative()) {
            // Fabric accepts it and panics later in time.NewTicker on every node; refusing it is the safe reading.
            return "TickInterval (" + o.getTickInterval() + ") must be positive";
        }
        if (md.getConsentersCount() == 0) {
            return "empty consenter set";
        }
        for (Consenter c : md.getConsentersList()) {
            String invalid = tls.validate(c, true);
            if (invalid != null) {
                return "consenter " + c.getHost() + ":" + c.getPort() + " has invalid certificate: " + invalid;
            }
        }
        Set<ByteString> seen = new HashSet<>();
        for (Consenter c : md.getConsentersList()) {
            if (seen.contains(c.getServerTlsCert()) || seen.contains(c.getClientTlsCert())) {
                return "duplicate consenter: server cert: " + c.getServerTlsCert().toString(StandardCharsets.UTF_8)
                        + ", client cert: " + c.getClientTlsCert().toString(StandardCharsets.UTF_8);
            }
            seen.add(c.getServerTlsCert());
            if (!c.getClientTlsCert().equals(c.getServerTlsCert())) {
                seen.add(c.getClientTlsCert());
            }
        }
        return null;
    }

    /**
     * etcdraft's IsChannelMember checks of a join block's config before it looks for itself among the consenters:
     * the etcdraft metadata verified with the orderer organizations' TLS CAs. Null when valid, else Fabric's text
     * ({@code failed to validate config metadata of ordering config: …}), which the registrar wraps.
     */
    public static String verifyJoinBlockMetadata(ChannelConfig config, ConfigMetadata md) {
        ConsenterTlsChecks tls;
        try {
            tls = ConsenterTlsChecks.of(config, Instant.now());
        } catch (ConfigtxException e) {
            return "failed to create x509 verify options from orderer config: " + e.getMessage();
        }
        String invalid = verifyConfigMetadata(md, tls);
        return invalid == null ? null : "failed to validate config metadata of ordering config: " + invalid;
    }

    /** The number of addresses in an orderer organization's Endpoints value (0 when absent or unreadable). */
    private static int endpoints(ConfigGroup organization) {
        var v = organization.getValuesMap().get("Endpoints");
        if (v == null) {
            return 0;
        }
        try {
            return org.hyperledger.fabric.protos.common.OrdererAddresses.parseFrom(v.getValue()).getAddressesCount();
        } catch (InvalidProtocolBufferException e) {
            return 0;
        }
    }

    private static <T extends com.google.protobuf.Message> T parse(com.google.protobuf.Parser<T> parser, ByteString bytes,
                                                                  String what) throws ConfigtxException {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ConfigtxException("cannot unmarshal " + what + ": " + e.getMessage());
        }
    }
}
