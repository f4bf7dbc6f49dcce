package io.raftlens.raft.configtxgen;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.raftlens.config.files.SafeFiles;
import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.Views;
import io.raftlens.config.model.configtx.ApplicationSection;
import io.raftlens.config.model.configtx.Capabilities;
import io.raftlens.config.model.configtx.Consenter;
import io.raftlens.config.model.configtx.EtcdRaft;
import io.raftlens.config.model.configtx.EtcdRaftOptions;
import io.raftlens.config.model.configtx.OrdererSection;
import io.raftlens.config.model.configtx.Organization;
import io.raftlens.config.model.configtx.Policies;
import io.raftlens.config.model.configtx.Policy;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.config.value.Bound;
import io.raftlens.config.yaml.Range;
import io.raftlens.raft.orderer.GenesisBlock;
import io.raftlens.raft.orderer.GoDuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.BlockDataHashingStructure;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Consortium;
import org.hyperledger.fabric.protos.common.HashingAlgorithm;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.OrdererAddresses;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.BatchTimeout;
import org.hyperledger.fabric.protos.orderer.ChannelRestrictions;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Options;
import org.hyperledger.fabric.protos.peer.ACLs;
import org.hyperledger.fabric.protos.peer.APIResource;
import org.hyperledger.fabric.protos.peer.AnchorPeer;
import org.hyperledger.fabric.protos.peer.AnchorPeers;

/**
 * Fabric's configtxgen encoder ({@code internal/configtxgen/encoder/encoder.go}) over RaftLens's typed configtx
 * model: the same groups, values, policies and mod_policies, with configtxgen's error messages (and, where known,
 * the configtx.yaml range they are about).
 *
 * <p>Typical use: {@code ChannelConfigEncoder.defaults().genesisBlock(profile, "mychannel")}, or
 * {@link #channelGroup(Profile)} for the {@code Config.channel_group} alone.
 */
public final class ChannelConfigEncoder {

    static final String ADMINS = "Admins";
    static final String READERS = "Readers";
    static final String WRITERS = "Writers";
    static final String BLOCK_VALIDATION = "BlockValidation";
    static final String ORDERER_ADMINS = "/Channel/Orderer/Admins";

    /** Where a consenter's certificate bytes come from (the file by default). */
    @FunctionalInterface
    public interface ConsenterCertificates {
        /** @param client true for ClientTLSCert, false for ServerTLSCert; {@code file} may be null when not written */
        ByteString read(Consenter consenter, Path file, boolean client) throws IOException;
    }

    private final ConsenterCertificates certificates;

    public ChannelConfigEncoder(ConsenterCertificates certificates) {
        this.certificates = certificates;
    }

    /** Where this encoder reads consenter certificates from. */
    public ConsenterCertificates certificates() {
        return certificates;
    }

    /** The encoder configtxgen is: certificates are read from the files configtx.yaml names. */
    public static ChannelConfigEncoder defaults() {
        return new ChannelConfigEncoder((c, file, client) -> {
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            // bounded and regular files only: a configtx.yaml may name /dev/zero or a FIFO
            return ByteString.copyFrom(SafeFiles.read(file, SafeFiles.SMALL_FILE_LIMIT));
        });
    }

    /**
     * The genesis block {@code configtxgen -profile P -channelID C -outputBlock} writes, with a fresh nonce and the
     * current time, as Fabric's genesis factory does. Includes {@code doOutputBlock}'s own refusals.
     */
    public Block genesisBlock(Profile profile, String channelId) throws ConfigtxgenException {
        return GenesisBlock.create(channelId, checkedChannelGroup(profile), GenesisBlock.Stamp.now());
    }

    /** The channel group {@code encoder.NewBootstrapper} + {@code doOutputBlock} accept, or configtxgen's error. */
    public ConfigGroup checkedChannelGroup(Profile profile) throws ConfigtxgenException {
        for (Organization org : allOrganizations(profile)) {
            if (org.skipAsForeign()) {
                throw new ConfigtxgenException("could not create bootstrapper: all org definitions must be local during bootstrapping: organization '"
                        + name(org) + "' is marked to be skipped as foreign", org.range());
            }
        }
        ConfigGroup group;
        try {
            group = channelGroup(profile);
        } catch (ConfigtxgenException e) {
            throw e.wrap("could not create bootstrapper: could not create channel group");
        }
        if (profile.orderer().isEmpty()) {
            throw new ConfigtxgenException("refusing to generate block which is missing orderer section", profile.keyRange());
        }
        if (!profile.hasConsortiums() && profile.application().isEmpty()) {
            throw new ConfigtxgenException("refusing to generate application channel block which is missing application section", profile.keyRange());
        }
        return group;
    }

    /** {@code encoder.NewChannelGroup}. */
    public ConfigGroup channelGroup(Profile profile) throws ConfigtxgenException {
        ConfigGroup.Builder g = ConfigGroup.newBuilder();
        try {
            addPolicies(g, profile.policies(), null);
        } catch (ConfigtxgenException e) {
            throw e.wrap("error adding policies to channel group");
        }
        addValue(g, "HashingAlgorithm", HashingAlgorithm.newBuilder().setName("SHA256").build(), ADMINS);
        addValue(g, "BlockDataHashingStructure", BlockDataHashingStructure.newBuilder().setWidth(0xFFFFFFFF).build(), ADMINS);
        Optional<OrdererSection> orderer = profile.orderer();
        List<String> addresses = orderer.map(o -> o.addresses().stream().map(Sourced::value).toList()).orElse(List.of());
        if (!addresses.isEmpty()) {
            addValue(g, "OrdererAddresses", OrdererAddresses.newBuilder().addAllAddresses(addresses).build(), ORDERER_ADMINS);
        }
        Optional<Sourced<String>> consortium = profile.consortium().filter(c -> !c.value().isEmpty());
        if (consortium.isPresent()) {
            addValue(g, "Consortium", Consortium.newBuilder().setName(consortium.get().value()).build(), ADMINS);
        }
        Capabilities channelCaps = profile.capabilities();
        if (!channelCaps.all().isEmpty()) {
            addValue(g, "Capabilities", capabilities(channelCaps), ADMINS);
        }
        if (orderer.isPresent()) {
            try {
                g.putGroups("Orderer", ordererGroup(orderer.get(), channelCaps));
            } catch (ConfigtxgenException e) {
                throw e.wrap("could not create orderer group");
            }
        }
        Optional<ApplicationSection> application = profile.application();
        if (application.isPresent()) {
            try {
                g.putGroups("Application", applicationGroup(application.get()));
            } catch (ConfigtxgenException e) {
                throw e.wrap("could not create application group");
            }
        }
        if (profile.hasConsortiums()) {
            try {
                g.putGroups("Consortiums", consortiumsGroup(profile));
            } catch (ConfigtxgenException e) {
                throw e.wrap("could not create consortiums group");
            }
        }
        return g.setModPolicy(ADMINS).build();
    }

    /** {@code encoder.NewOrdererGroup} (etcdraft, BFT; solo encodes no metadata). */
    public ConfigGroup ordererGroup(OrdererSection o, Capabilities channelCaps) throws ConfigtxgenException {
        String type = o.ordererType().value();
        if (OrdererSection.BFT.equals(type) && !channelCaps.enabled("V3_0")) {
            throw new ConfigtxgenException("orderer type BFT must be used with V3_0 channel capability: " + goMap(channelCaps), o.ordererType().range());
        }
        List<String> addresses = o.addresses().stream().map(Sourced::value).toList();
        if (!addresses.isEmpty() && channelCaps.enabled("V3_0")) {
            throw new ConfigtxgenException("global orderer endpoints exist, but can not be used with V3_0 capability: ["
                    + String.join(" ", addresses) + "]", o.addressesKeyRange());
        }
        ConfigGroup.Builder g = ConfigGroup.newBuilder();
        try {
            if (o.policies().present() && o.policies().get(BLOCK_VALIDATION).isEmpty()) {
                throw new ConfigtxgenException("no BlockValidation policy defined", o.policies().keyRange());
            }
            addPolicies(g, o.policies(), o.keyRange());
        } catch (ConfigtxgenException e) {
            throw e.wrap("error adding policies to orderer group");
        }
        var bs = o.batchSize();
        addValue(g, "BatchSize", BatchSize.newBuilder()
                .setMaxMessageCount((int) (long) bs.maxMessageCount().value())
                .setAbsoluteMaxBytes((int) (long) bs.absoluteMaxBytes().value())
                .setPreferredMaxBytes((int) (long) bs.preferredMaxBytes().value()).build(), ADMINS);
        addValue(g, "BatchTimeout", BatchTimeout.newBuilder().setTimeout(GoDuration.format(o.batchTimeout().value())).build(), ADMINS);
        long maxChannels = Views.scalar(o.bound(), "MaxChannels", Long.class).map(Sourced::value).orElse(0L);
        addValue(g, "ChannelRestrictions", ChannelRestrictions.newBuilder().setMaxCount(maxChannels).build(), ADMINS);
        if (!o.capabilities().all().isEmpty()) {
            addValue(g, "Capabilities", capabilities(o.capabilities()), ADMINS);
        }
        ByteString metadata = ByteString.EMPTY;
        switch (type) {
            case "solo" -> { }
            case OrdererSection.ETCDRAFT -> metadata = etcdRaftMetadata(o).toByteString();
            case OrdererSection.BFT -> {
                List<org.hyperledger.fabric.protos.common.Consenter> consenters = BftOrderer.consenters(o);
                addValue(g, "Orderers", BftOrderer.orderersValue(consenters), ADMINS);
                metadata = BftOrderer.options(o).toByteString();
                g.putPolicies(BLOCK_VALIDATION, BftOrderer.blockValidation(consenters, g.getPoliciesOrThrow(BLOCK_VALIDATION).getModPolicy()));
            }
            default -> throw new ConfigtxgenException("unknown orderer type: " + type, o.ordererType().range());
        }
        addValue(g, "ConsensusType", ConsensusType.newBuilder().setType(type).setMetadata(metadata).build(), ADMINS);
        for (Organization org : o.organizations()) {
            try {
                g.putGroups(name(org), ordererOrgGroup(org, channelCaps));
            } catch (ConfigtxgenException e) {
                throw e.wrap("failed to create orderer org");
            }
        }
        return g.setModPolicy(ADMINS).build();
    }

    /** {@code channelconfig.MarshalEtcdRaftMetadata} after genesisconfig's defaulting and checks. */
    ConfigMetadata etcdRaftMetadata(OrdererSection o) throws ConfigtxgenException {
        EtcdRaft raft = o.etcdRaft().orElseThrow(() -> new ConfigtxgenException("etcdraft configuration missing", o.keyRange()));
        EtcdRaftOptions opts = raft.options();
        if (opts.tickInterval().isEmpty()) {
            throw new ConfigtxgenException("Etcdraft TickInterval (" + opts.tickIntervalText().value() + ") must be in time duration format",
                    opts.tickIntervalText().range());
        }
        if (opts.electionTick().value() <= opts.heartbeatTick().value()) {
            throw new ConfigtxgenException("election tick must be greater than heartbeat tick", opts.electionTick().range());
        }
        List<Consenter> consenters = raft.consenters();
        if (consenters.isEmpty()) {
            throw new ConfigtxgenException("etcdraft configuration did not specify any consenter", raft.consentersKeyRange());
        }
        ConfigMetadata.Builder md = ConfigMetadata.newBuilder();
        for (Consenter c : consenters) {
            String host = c.host().map(Sourced::value).orElseThrow(() ->
                    new ConfigtxgenException("consenter info in etcdraft configuration did not specify host", c.range()));
            long port = c.port().map(Sourced::value).orElseThrow(() ->
                    new ConfigtxgenException("consenter info in etcdraft configuration did not specify port", c.range()));
            Optional<Sourced<Path>> client = c.clientTlsCert();
            Optional<Sourced<Path>> server = c.serverTlsCert();
            if (client.isEmpty()) {
                throw new ConfigtxgenException("consenter info in etcdraft configuration did not specify client TLS cert", c.range());
            }
            if (server.isEmpty()) {
                throw new ConfigtxgenException("consenter info in etcdraft configuration did not specify server TLS cert", c.range());
            }
            md.addConsenters(org.hyperledger.fabric.protos.orderer.etcdraft.Consenter.newBuilder()
                    .setHost(host).setPort((int) port)
                    .setClientTlsCert(certificate(c, host, port, client, true))
                    .setServerTlsCert(certificate(c, host, port, server, false)));
        }
        md.setOptions(Options.newBuilder()
                .setTickInterval(opts.tickIntervalText().value())
                .setElectionTick((int) (long) opts.electionTick().value())
                .setHeartbeatTick((int) (long) opts.heartbeatTick().value())
                .setMaxInflightBlocks((int) (long) opts.maxInflightBlocks().value())
                .setSnapshotIntervalSize((int) (long) opts.snapshotIntervalSize().value()));
        return md.build();
    }

    private ByteString certificate(Consenter c, String host, long port, Optional<Sourced<Path>> file, boolean client)
            throws ConfigtxgenException {
        try {
            return certificates.read(c, file.map(Sourced::value).orElse(null), client);
        } catch (NoSuchFileException e) {
            throw new ConfigtxgenException("cannot marshal metadata for orderer type etcdraft: cannot load " + (client ? "client" : "server")
                    + " cert for consenter " + host + ":" + port + ": open " + e.getFile() + ": no such file or directory",
                    file.map(Sourced::range).orElse(c.range()));
        } catch (IOException | RuntimeException e) {
            throw new ConfigtxgenException("cannot marshal metadata for orderer type etcdraft: cannot load " + (client ? "client" : "server")
                    + " cert for consenter " + host + ":" + port + ": " + e.getMessage(), file.map(Sourced::range).orElse(c.range()));
        }
    }

    /** {@code encoder.NewOrdererOrgGroup}. */
    public ConfigGroup ordererOrgGroup(Organization org, Capabilities channelCaps) throws ConfigtxgenException {
        ConfigGroup.Builder g = orgGroup(org, "1 - Error loading MSP configuration for org: " + name(org),
                "error adding policies to orderer org group '" + name(org) + "'");
        if (org.skipAsForeign()) {
            return g.build();
        }
        List<String> endpoints = org.ordererEndpoints().stream().map(Sourced::value).toList();
        if (!endpoints.isEmpty()) {
            addValue(g, "Endpoints", OrdererAddresses.newBuilder().addAllAddresses(endpoints).build(), ADMINS);
        } else if (channelCaps.enabled("V3_0")) {
            throw new ConfigtxgenException("orderer endpoints for organization " + name(org)
                    + " are missing and must be configured when capability V3_0 is enabled", org.range());
        }
        return g.build();
    }

    /** {@code encoder.NewApplicationGroup}. */
    public ConfigGroup applicationGroup(ApplicationSection a) throws ConfigtxgenException {
        ConfigGroup.Builder g = ConfigGroup.newBuilder();
        try {
            addPolicies(g, a.policies(), a.keyRange());
        } catch (ConfigtxgenException e) {
            throw e.wrap("error adding policies to application group");
        }
        ACLs.Builder acls = ACLs.newBuilder();
        a.bound().field("ACLs").map(Bound.BoundField::value).filter(Bound.BoundMap.class::isInstance)
                .ifPresent(m -> ((Bound.BoundMap) m).entries().forEach(e -> {
                    if (e.value() instanceof Bound.BoundScalar s && s.value() != null) {
                        acls.putAcls(e.key(), APIResource.newBuilder().setPolicyRef(s.value().toString()).build());
                    }
                }));
        if (acls.getAclsCount() > 0) {
            addValue(g, "ACLs", acls.build(), ADMINS);
        }
        if (!a.capabilities().all().isEmpty()) {
            addValue(g, "Capabilities", capabilities(a.capabilities()), ADMINS);
        }
        for (Organization org : a.organizations()) {
            try {
                g.putGroups(name(org), applicationOrgGroup(org));
            } catch (ConfigtxgenException e) {
                throw e.wrap("failed to create application org");
            }
        }
        return g.setModPolicy(ADMINS).build();
    }

    /** {@code encoder.NewApplicationOrgGroup}. */
    public ConfigGroup applicationOrgGroup(Organization org) throws ConfigtxgenException {
        ConfigGroup.Builder g = orgGroup(org, "1 - Error loading MSP configuration for org " + name(org),
                "error adding policies to application org group " + name(org));
        if (org.skipAsForeign()) {
            return g.build();
        }
        AnchorPeers.Builder anchors = AnchorPeers.newBuilder();
        for (Bound b : Views.list(org.bound(), "AnchorPeers")) {
            if (b instanceof Bound.BoundStruct s) {
                anchors.addAnchorPeers(AnchorPeer.newBuilder()
                        .setHost(Views.scalar(s, "Host", String.class).map(Sourced::value).orElse(""))
                        .setPort((int) (long) Views.scalar(s, "Port", Long.class).map(Sourced::value).orElse(0L)));
            }
        }
        if (anchors.getAnchorPeersCount() > 0) {
            addValue(g, "AnchorPeers", anchors.build(), ADMINS);
        }
        return g.build();
    }

    /** {@code encoder.NewConsortiumsGroup} (Fabric 2.x system channel). */
    ConfigGroup consortiumsGroup(Profile profile) throws ConfigtxgenException {
        ConfigGroup.Builder g = ConfigGroup.newBuilder();
        g.putPolicies(ADMINS, signaturePolicy(SignaturePolicies.acceptAll(), ORDERER_ADMINS));
        for (Bound.BoundMapEntry e : profile.consortiums()) {
            ConfigGroup.Builder c = ConfigGroup.newBuilder();
            if (e.value() instanceof Bound.BoundStruct s) {
                for (Bound item : Views.list(s, "Organizations")) {
                    if (item instanceof Bound.BoundStruct os) {
                        Organization org = profile.consortiumOrganizations().stream()
                                .filter(o -> o.bound() == os).findFirst().orElse(null);
                        if (org == null) {
                            continue;
                        }
                        try {
                            c.putGroups(name(org), consortiumOrgGroup(org));
                        } catch (ConfigtxgenException ex) {
                            throw ex.wrap("failed to create consortium org").wrap("failed to create consortium " + e.key());
                        }
                    }
                }
            }
            addValue(c, "ChannelCreationPolicy", implicitMeta(ImplicitMetaPolicy.Rule.ANY, ADMINS), ORDERER_ADMINS);
            g.putGroups(e.key(), c.setModPolicy(ORDERER_ADMINS).build());
        }
        return g.setModPolicy(ORDERER_ADMINS).build();
    }

    private ConfigGroup consortiumOrgGroup(Organization org) throws ConfigtxgenException {
        return orgGroup(org, "1 - Error loading MSP configuration for org: " + name(org),
                "error adding policies to consortiums org group '" + name(org) + "'").build();
    }

    /**
     * What every org group starts as (the orderer, application and consortium encoders differ only in their
     * messages and what they add after: endpoints, anchor peers): mod policy Admins; unless skipped as foreign, the org's policies and its MSP value.
     */
    private static ConfigGroup.Builder orgGroup(Organization org, String mspError, String policiesError) throws ConfigtxgenException {
        ConfigGroup.Builder g = ConfigGroup.newBuilder().setModPolicy(ADMINS);
        if (org.skipAsForeign()) {
            return g;
        }
        MSPConfig msp = msp(org, mspError);
        try {
            addPolicies(g, org.policies(), org.range());
        } catch (ConfigtxgenException e) {
            throw e.wrap(policiesError);
        }
        addValue(g, "MSP", msp, ADMINS);
        return g;
    }

    private static MSPConfig msp(Organization org, String context) throws ConfigtxgenException {
        Optional<Sourced<Path>> dir = org.mspDir();
        try {
            if (dir.isEmpty()) {
                throw new ConfigtxgenException("no MSPDir given", org.range());
            }
            return MspDirectory.verifyingConfig(dir.get().value(), org.id().map(Sourced::value).orElse(""), org.mspType().value());
        } catch (ConfigtxgenException e) {
            throw new ConfigtxgenException(context + ": " + e.getMessage(), dir.map(Sourced::keyRange).orElse(org.range()));
        }
    }

    /** {@code encoder.AddPolicies}: Admins, Readers and Writers are required; every policy is encoded. */
    static void addPolicies(ConfigGroup.Builder g, Policies policies, Range where) throws ConfigtxgenException {
        Range at = policies.present() ? policies.keyRange() : where != null ? where : policies.keyRange();
        if (!policies.present()) {
            throw new ConfigtxgenException("no policies defined", at);
        }
        for (String required : List.of(ADMINS, READERS, WRITERS)) {
            if (policies.get(required).isEmpty()) {
                throw new ConfigtxgenException("no " + required + " policy defined", at);
            }
        }
        for (Policy p : policies.all()) {
            String type = p.type().map(Sourced::value).orElse("");
            String rule = p.rule().map(Sourced::value).orElse("");
            Range ruleRange = p.rule().map(Sourced::range).orElse(p.range());
            switch (type) {
                case "ImplicitMeta" -> {
                    ImplicitMetaPolicy imp = implicitMetaFromString(rule, ruleRange);
                    g.putPolicies(p.name(), ConfigPolicy.newBuilder().setModPolicy(ADMINS).setPolicy(
                            org.hyperledger.fabric.protos.common.Policy.newBuilder()
                                    .setType(org.hyperledger.fabric.protos.common.Policy.PolicyType.IMPLICIT_META_VALUE)
                                    .setValue(imp.toByteString())).build());
                }
                case "Signature" -> {
                    try {
                        g.putPolicies(p.name(), signaturePolicy(SignaturePolicies.fromString(rule), ADMINS));
                    } catch (IllegalArgumentException e) {
                        throw new ConfigtxgenException("invalid signature policy rule '" + rule + "': " + e.getMessage(), ruleRange);
                    }
                }
                default -> throw new ConfigtxgenException("unknown policy type: " + type, p.type().map(Sourced::range).orElse(p.range()));
            }
        }
    }

    /** {@code policies.ImplicitMetaFromString}. */
    static ImplicitMetaPolicy implicitMetaFromString(String rule, Range at) throws ConfigtxgenException {
        String[] args = rule.split(" ", -1);
        if (args.length != 2) {
            throw new ConfigtxgenException("invalid implicit meta policy rule '" + rule + "': expected two space separated tokens, but got "
                    + args.length, at);
        }
        ImplicitMetaPolicy.Rule r = switch (args[0]) {
            case "ANY" -> ImplicitMetaPolicy.Rule.ANY;
            case "ALL" -> ImplicitMetaPolicy.Rule.ALL;
            case "MAJORITY" -> ImplicitMetaPolicy.Rule.MAJORITY;
            default -> throw new ConfigtxgenException("invalid implicit meta policy rule '" + rule + "': unknown rule type '" + args[0]
                    + "', expected ALL, ANY, or MAJORITY", at);
        };
        return ImplicitMetaPolicy.newBuilder().setRule(r).setSubPolicy(args[1]).build();
    }

    private static org.hyperledger.fabric.protos.common.Policy implicitMeta(ImplicitMetaPolicy.Rule rule, String sub) {
        return org.hyperledger.fabric.protos.common.Policy.newBuilder()
                .setType(org.hyperledger.fabric.protos.common.Policy.PolicyType.IMPLICIT_META_VALUE)
                .setValue(ImplicitMetaPolicy.newBuilder().setRule(rule).setSubPolicy(sub).build().toByteString()).build();
    }

    private static ConfigPolicy signaturePolicy(org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope env, String modPolicy) {
        return ConfigPolicy.newBuilder().setModPolicy(modPolicy).setPolicy(org.hyperledger.fabric.protos.common.Policy.newBuilder()
                .setType(org.hyperledger.fabric.protos.common.Policy.PolicyType.SIGNATURE_VALUE)
                .setValue(env.toByteString())).build();
    }

    private static org.hyperledger.fabric.protos.common.Capabilities capabilities(Capabilities caps) {
        org.hyperledger.fabric.protos.common.Capabilities.Builder b = org.hyperledger.fabric.protos.common.Capabilities.newBuilder();
        for (Capabilities.Capability c : caps.enabledOnes()) {
            b.putCapabilities(c.name(), org.hyperledger.fabric.protos.common.Capability.getDefaultInstance());
        }
        return b.build();
    }

    private static void addValue(ConfigGroup.Builder g, String key, Message value, String modPolicy) {
        g.putValues(key, ConfigValue.newBuilder().setValue(value.toByteString()).setModPolicy(modPolicy).build());
    }

    static String name(Organization org) {
        return org.name().map(Sourced::value).orElse("");
    }

    private static String goMap(Capabilities caps) {
        List<String> parts = new ArrayList<>();
        caps.all().stream().map(c -> c.name() + ":" + c.enabled()).sorted().forEach(parts::add);
        return "map[" + String.join(" ", parts) + "]";
    }

    private static List<Organization> allOrganizations(Profile p) {
        List<Organization> out = new ArrayList<>();
        p.orderer().ifPresent(o -> out.addAll(o.organizations()));
        p.application().ifPresent(a -> out.addAll(a.organizations()));
        out.addAll(p.consortiumOrganizations());
        return out;
    }
}
