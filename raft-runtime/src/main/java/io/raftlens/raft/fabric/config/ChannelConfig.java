package io.raftlens.raft.fabric.config;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.raftlens.raft.fabric.msp.FabricMsp;
import io.raftlens.raft.fabric.msp.MspException;
import io.raftlens.raft.fabric.msp.MspManager;
import io.raftlens.raft.fabric.msp.MspVersion;
import io.raftlens.raft.fabric.policy.PolicyException;
import io.raftlens.raft.fabric.policy.PolicyManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.ConsensusType;

/**
 * A channel's config with its MSPs and policies set up (Fabric's channelconfig Bundle): built once per config
 * sequence and shared read-only by every check.
 */
public final class ChannelConfig {
    public static final String ORDERER = "Orderer";
    public static final String APPLICATION = "Application";
    public static final String CONSORTIUMS = "Consortiums";

    private final String channelId;
    private final Config config;
    private final MspVersion mspVersion;
    private final MspManager mspManager;
    private final PolicyManager policyManager;
    private final Map<String, String> orgMspIds;
    // The values every broadcast reads, parsed once per config as Fabric's channelconfig Bundle holds them parsed
    // (parsing ConsensusType per message copied its metadata, the consenters' certificates, for every transaction).
    private final Set<String> channelCapabilities;
    private final Set<String> ordererCapabilities;
    private final Optional<BatchSize> batchSize;
    private final Optional<ConsensusType> consensusType;

    private ChannelConfig(String channelId, Config config, MspVersion mspVersion, MspManager mspManager,
                          PolicyManager policyManager, Map<String, String> orgMspIds) {
        this.channelId = channelId;
        this.config = config;
        this.mspVersion = mspVersion;
        this.mspManager = mspManager;
        this.policyManager = policyManager;
        this.orgMspIds = orgMspIds;
        this.channelCapabilities = capabilities(config.getChannelGroup());
        this.ordererCapabilities = group(ORDERER).map(ChannelConfig::capabilities).orElse(Set.of());
        this.batchSize = ordererValue("BatchSize", BatchSize.parser());
        this.consensusType = ordererValue("ConsensusType", ConsensusType.parser());
    }

    /** The config of a config block (its single CONFIG envelope), e.g. a genesis block made by configtxgen. */
    public static ChannelConfig fromBlock(Block block) throws ConfigException {
        if (block.getData().getDataCount() != 1) {
            throw new ConfigException("block " + block.getHeader().getNumber() + " is not a config block: it holds "
                    + block.getData().getDataCount() + " transactions, a config block holds exactly one");
        }
        try {
            return fromEnvelope(Envelope.parseFrom(block.getData().getData(0)));
        } catch (InvalidProtocolBufferException e) {
            throw new ConfigException("block " + block.getHeader().getNumber() + ": transaction 0 is not an Envelope: " + e.getMessage());
        }
    }

    /** The config of a CONFIG envelope. */
    public static ChannelConfig fromEnvelope(Envelope env) throws ConfigException {
        Payload payload = parse(Payload.parser(), env.getPayload(), "envelope payload");
        if (!payload.hasHeader()) {
            throw new ConfigException("config envelope has no payload header");
        }
        ChannelHeader ch = parse(ChannelHeader.parser(), payload.getHeader().getChannelHeader(), "channel header");
        if (ch.getType() != HeaderType.CONFIG_VALUE) {
            throw new ConfigException("envelope is of type " + HeaderType.forNumber(ch.getType()) + ", not CONFIG");
        }
        ConfigEnvelope ce = parse(ConfigEnvelope.parser(), payload.getData(), "ConfigEnvelope");
        if (!ce.hasConfig()) {
            throw new ConfigException("config envelope of channel " + ch.getChannelId() + " holds no config");
        }
        return of(ch.getChannelId(), ce.getConfig());
    }

    /** Sets up MSPs and policies of a config; ConfigException names the organization or policy that fails. */
    public static ChannelConfig of(String channelId, Config config) throws ConfigException {
        if (!config.hasChannelGroup()) {
            throw new ConfigException("config of channel " + channelId + " has no channel group");
        }
        ConfigGroup root = config.getChannelGroup();
        MspVersion version = MspVersion.forChannelCapabilities(capabilities(root));
        Map<String, FabricMsp> msps = new LinkedHashMap<>();
        Map<String, String> unsupported = new LinkedHashMap<>();
        Map<String, String> orgMspIds = new LinkedHashMap<>();
        List<String[]> orgPaths = new ArrayList<>();
        for (String section : List.of(ORDERER, APPLICATION)) {
            ConfigGroup g = root.getGroupsMap().get(section);
            if (g != null) {
                g.getGroupsMap().keySet().forEach(org -> orgPaths.add(new String[] {section, org}));
            }
        }
        ConfigGroup consortiums = root.getGroupsMap().get(CONSORTIUMS);
        if (consortiums != null) {
            for (var c : consortiums.getGroupsMap().entrySet()) {
                c.getValue().getGroupsMap().keySet().forEach(org -> orgPaths.add(new String[] {CONSORTIUMS, c.getKey(), org}));
            }
        }
        for (String[] path : orgPaths) {
            ConfigGroup org = group(root, path).orElseThrow();
            var mspValue = org.getValuesMap().get("MSP");
            String where = "/Channel/" + String.join("/", path);
            if (mspValue == null) {
                throw new ConfigException("organization " + where + " has no MSP value");
            }
            MSPConfig mspConfig = parse(MSPConfig.parser(), mspValue.getValue(), where + " MSP");
            if (mspConfig.getType() != FabricMsp.TYPE_FABRIC) {
                String id = mspConfig.getType() == 1 ? idemixName(mspConfig) : path[path.length - 1];
                unsupported.put(id, "an idemix MSP (type " + mspConfig.getType() + "), which RaftLens does not verify");
                orgMspIds.put(where, id);
                continue;
            }
            FabricMsp msp;
            try {
                msp = FabricMsp.fromConfig(mspConfig, version);
            } catch (MspException e) {
                throw new ConfigException("organization " + where + ": " + e.getMessage(), e);
            }
            msps.putIfAbsent(msp.name(), msp);
            orgMspIds.put(where, msp.name());
        }
        MspManager mspManager = new MspManager(msps, unsupported);
        PolicyManager policies;
        try {
            policies = PolicyManager.forChannel(root, mspManager);
        } catch (PolicyException e) {
            throw new ConfigException("channel " + channelId + ": " + e.getMessage(), e);
        }
        return new ChannelConfig(channelId, config, version, mspManager, policies, orgMspIds);
    }

    private static String idemixName(MSPConfig c) {
        try {
            return org.hyperledger.fabric.protos.msp.IdemixMSPConfig.parseFrom(c.getConfig()).getName();
        } catch (InvalidProtocolBufferException e) {
            return "?";
        }
    }

    static <T extends Message> T parse(Parser<T> parser, ByteString bytes, String what) throws ConfigException {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ConfigException("cannot parse the " + what + ": " + e.getMessage());
        }
    }

    private static Optional<ConfigGroup> group(ConfigGroup root, String... path) {
        ConfigGroup g = root;
        for (String p : path) {
            g = g.getGroupsMap().get(p);
            if (g == null) {
                return Optional.empty();
            }
        }
        return Optional.of(g);
    }

    private static Set<String> capabilities(ConfigGroup g) {
        var v = g.getValuesMap().get("Capabilities");
        if (v == null) {
            return Set.of();
        }
        try {
            return Set.copyOf(Capabilities.parseFrom(v.getValue()).getCapabilitiesMap().keySet());
        } catch (InvalidProtocolBufferException e) {
            return Set.of();
        }
    }

    public String channelId() {
        return channelId;
    }

    public long sequence() {
        return config.getSequence();
    }

    public Config config() {
        return config;
    }

    public ConfigGroup channelGroup() {
        return config.getChannelGroup();
    }

    public MspVersion mspVersion() {
        return mspVersion;
    }

    public MspManager mspManager() {
        return mspManager;
    }

    public PolicyManager policyManager() {
        return policyManager;
    }

    /** Organization path ("/Channel/Orderer/OrdererOrg") → MSP id. */
    public Map<String, String> organizationMspIds() {
        return java.util.Collections.unmodifiableMap(orgMspIds);
    }

    public Optional<ConfigGroup> group(String... path) {
        return group(config.getChannelGroup(), path);
    }

    public Set<String> channelCapabilities() {
        return channelCapabilities;
    }

    public Set<String> ordererCapabilities() {
        return ordererCapabilities;
    }

    /** Fabric's OrdererProvider.ExpirationCheck: orderer capability V1_1, V1_4_2 or V2_0. */
    public boolean expirationCheck() {
        Set<String> c = ordererCapabilities();
        return c.contains("V1_1") || c.contains("V1_4_2") || c.contains("V2_0");
    }

    public Optional<BatchSize> batchSize() {
        return batchSize;
    }

    public Optional<ConsensusType> consensusType() {
        return consensusType;
    }

    private <T extends Message> Optional<T> ordererValue(String key, Parser<T> parser) {
        return group(ORDERER).map(g -> g.getValuesMap().get(key)).map(v -> {
            try {
                return parser.parseFrom(v.getValue());
            } catch (InvalidProtocolBufferException e) {
                return null;
            }
        });
    }
}
