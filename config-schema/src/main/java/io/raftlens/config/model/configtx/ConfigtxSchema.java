package io.raftlens.config.model.configtx;

import static io.raftlens.config.value.ScalarType.BOOL;
import static io.raftlens.config.value.ScalarType.DURATION;
import static io.raftlens.config.value.ScalarType.DURATION_STRING;
import static io.raftlens.config.value.ScalarType.INT;
import static io.raftlens.config.value.ScalarType.PATH;
import static io.raftlens.config.value.ScalarType.STRING;
import static io.raftlens.config.value.ScalarType.UINT32;
import static io.raftlens.config.value.ScalarType.UINT64;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.value.Field;
import io.raftlens.config.value.FieldType;
import io.raftlens.config.value.ScalarType;
import java.util.List;
import java.util.Map;

/**
 * The Go structs configtxgen decodes configtx.yaml into ({@code internal/configtxgen/genesisconfig/config.go}
 * and the etcdraft/smartbft protobufs), as field lists. These are the only keys Fabric accepts; they drive
 * the binder, the typed views, completion and hover.
 */
public final class ConfigtxSchema {

    private ConfigtxSchema() {
    }

    private static FieldType.Scalar s(ScalarType t) {
        return new FieldType.Scalar(t);
    }

    private static FieldType.Struct struct(String name, Field... fields) {
        return new FieldType.Struct(name, List.of(fields));
    }

    public static final FieldType.Struct POLICY = struct("Policy",
            Field.of("Type", STRING, "Signature or ImplicitMeta."),
            Field.of("Rule", STRING, "Signature: a policy DSL expression such as OR('Org1MSP.member'). "
                    + "ImplicitMeta: ANY|ALL|MAJORITY followed by a sub-policy name, e.g. MAJORITY Admins."));

    public static final FieldType.MapOf POLICIES = new FieldType.MapOf(POLICY);
    public static final FieldType.MapOf CAPABILITIES = new FieldType.MapOf(s(BOOL));

    public static final FieldType.Struct ANCHOR_PEER = struct("AnchorPeer",
            Field.of("Host", STRING, "DNS name or IP of the anchor peer."),
            Field.of("Port", INT, "Port of the anchor peer."));

    public static final FieldType.Struct ORGANIZATION = struct("Organization",
            Field.of("Name", STRING, "The organization's key in the channel config; must match [a-zA-Z0-9.-]+."),
            Field.of("SkipAsForeign", BOOL, "Do not load the MSP; the organization is defined by another party. "
                    + "Not allowed when creating a genesis block."),
            Field.of("ID", STRING, "The MSP ID used in policies (e.g. Org1MSP)."),
            Field.of("MSPDir", PATH, "Folder of the organization's verifying MSP, relative to configtx.yaml."),
            Field.of("MSPType", STRING, "bccsp (default) or idemix."),
            Field.of("Policies", POLICIES, "Readers, Writers and Admins are required; Endorsement is optional."),
            Field.of("AnchorPeers", new FieldType.ListOf(ANCHOR_PEER), "Peers other organizations' peers gossip with."),
            Field.of("OrdererEndpoints", new FieldType.ListOf(s(STRING)), "host:port of this organization's ordering "
                    + "nodes for clients and peers. Required for every orderer organization with the V3_0 channel capability."),
            Field.of("AdminPrincipal", STRING, "Deprecated. Role.ADMIN (default) or Role.MEMBER."));

    public static final FieldType.ListOf ORGANIZATIONS = new FieldType.ListOf(ORGANIZATION);

    public static final FieldType.Struct ETCDRAFT_CONSENTER = struct("Consenter",
            Field.of("Host", STRING, "Cluster host name of the ordering node."),
            Field.of("Port", UINT32, "Cluster port of the ordering node (General.Cluster.ListenPort, or General.ListenPort)."),
            Field.of("ClientTlsCert", PATH, "PEM file of the node's client TLS certificate, relative to configtx.yaml. "
                    + "Consenters are identified across config updates by this certificate."),
            Field.of("ServerTlsCert", PATH, "PEM file of the node's server TLS certificate, relative to configtx.yaml. "
                    + "A node finds itself in the consenter set by this certificate's public key."));

    public static final FieldType.Struct ETCDRAFT_OPTIONS = struct("Options",
            Field.of("TickInterval", DURATION_STRING, "The time interval between two Node.Tick invocations. Default 500ms."),
            Field.of("ElectionTick", UINT32, "Number of Node.Tick invocations that must pass between elections. "
                    + "Must be greater than HeartbeatTick. Default 10."),
            Field.of("HeartbeatTick", UINT32, "Number of Node.Tick invocations that must pass between heartbeats. Default 1."),
            Field.of("MaxInflightBlocks", UINT32, "Limits the max number of in-flight append messages during optimistic "
                    + "replication phase. Default 5."),
            Field.of("SnapshotIntervalSize", UINT32, "Number of bytes per which a snapshot is taken. Default 16 MB."));

    public static final FieldType.Struct ETCDRAFT = struct("etcdraft.ConfigMetadata",
            Field.of("Consenters", new FieldType.ListOf(ETCDRAFT_CONSENTER), "The set of Raft replicas for this network; "
                    + "every replica is also an ordering service node."),
            Field.of("Options", ETCDRAFT_OPTIONS, "Options for all the etcd/raft nodes; the defaults for new channels, "
                    + "changeable per channel by config updates."));

    public static final FieldType.Struct BFT_CONSENTER = struct("Consenter",
            Field.of("ID", UINT32, "Unique BFT node ID."),
            Field.of("Host", STRING, "Host name of the ordering node."),
            Field.of("Port", UINT32, "Cluster port of the ordering node."),
            Field.of("MSPID", STRING, "MSP ID of the node's organization."),
            Field.of("ClientTLSCert", PATH, "PEM file of the client TLS certificate."),
            Field.of("ServerTLSCert", PATH, "PEM file of the server TLS certificate."),
            Field.of("Identity", PATH, "PEM file of the node's enrollment (signing) certificate."));

    public static final FieldType.Struct SMARTBFT = struct("smartbft.Options",
            Field.of("RequestBatchMaxCount", UINT64, "Max requests per batch (overridden by BatchSize.MaxMessageCount)."),
            Field.of("RequestBatchMaxBytes", UINT64, "Max bytes per batch (overridden by BatchSize.AbsoluteMaxBytes)."),
            Field.of("RequestBatchMaxInterval", DURATION_STRING, "Max time to wait to fill a batch. Default 50ms."),
            Field.of("IncomingMessageBufferSize", UINT64, "Size of the buffer for incoming messages. Default 200."),
            Field.of("RequestPoolSize", UINT64, "Max number of pending requests. Default 400."),
            Field.of("RequestForwardTimeout", DURATION_STRING, "Timeout before a request is forwarded to the leader. Default 2s."),
            Field.of("RequestComplainTimeout", DURATION_STRING, "Timeout before complaining about the leader. Default 20s."),
            Field.of("RequestAutoRemoveTimeout", DURATION_STRING, "Timeout before a request is removed from the pool. Default 3m0s."),
            Field.of("RequestMaxBytes", UINT64, "Max bytes of one request; 0 means RequestBatchMaxBytes."),
            Field.of("ViewChangeResendInterval", DURATION_STRING, "Interval between view change message resends. Default 5s."),
            Field.of("ViewChangeTimeout", DURATION_STRING, "Timeout of a view change. Default 20s."),
            Field.of("LeaderHeartbeatTimeout", DURATION_STRING, "Timeout for the leader's heartbeats. Default 1m0s."),
            Field.of("LeaderHeartbeatCount", UINT64, "Heartbeats per LeaderHeartbeatTimeout. Default 10."),
            Field.of("CollectTimeout", DURATION_STRING, "Timeout for collecting state from other nodes. Default 1s."),
            Field.of("SyncOnStart", BOOL, "Sync with the other nodes on start."),
            Field.of("SpeedUpViewChange", BOOL, "Start a view change on f+1 complaints."),
            Field.of("LeaderRotation", INT, "0 unspecified, 1 off, 2 on; must be off or unspecified in this version."),
            Field.of("DecisionsPerLeader", UINT64, "Decisions before leader rotation; forced to 0 when rotation is off."));

    public static final FieldType.Struct BATCH_SIZE = struct("BatchSize",
            Field.of("MaxMessageCount", UINT32, "The maximum number of messages to permit in a batch. Default 500."),
            Field.of("AbsoluteMaxBytes", UINT32, "The absolute maximum number of bytes allowed for the serialized messages "
                    + "in a batch; larger transactions are rejected. Default 10 MB."),
            Field.of("PreferredMaxBytes", UINT32, "The preferred maximum number of bytes for a batch (best effort); also "
                    + "etcd/raft's MaxSizePerMsg. Default 2 MB."));

    public static final FieldType.Struct KAFKA = struct("Kafka",
            Field.of("Brokers", new FieldType.ListOf(s(STRING)), "Kafka brokers (Fabric 2.x only)."));

    public static final FieldType.Struct ORDERER = struct("Orderer",
            Field.of("OrdererType", STRING, "The consensus implementation: etcdraft or BFT (case-sensitive)."),
            Field.of("Addresses", new FieldType.ListOf(s(STRING)), "Legacy global orderer endpoints (host:port); "
                    + "not allowed with the V3_0 channel capability, use each organization's OrdererEndpoints."),
            Field.of("BatchTimeout", s(DURATION), "The amount of time to wait before creating a batch. Default 2s."),
            Field.of("BatchSize", BATCH_SIZE, "Controls the number of messages batched into a block."),
            Field.of("Kafka", KAFKA, "Kafka consensus settings (removed in Fabric 3).").only(FabricVersion.V2_5),
            Field.of("EtcdRaft", ETCDRAFT, "etcdraft consensus settings; required when OrdererType is etcdraft."),
            Field.of("SmartBFT", SMARTBFT, "SmartBFT consensus settings for OrdererType BFT.").only(FabricVersion.V3),
            Field.of("Organizations", ORGANIZATIONS, "The organizations running ordering nodes."),
            Field.of("MaxChannels", UINT64, "Maximum number of channels (0 = no limit); not enforced in Fabric 3."),
            Field.of("Capabilities", CAPABILITIES, "Orderer capabilities, e.g. V2_0: true."),
            Field.of("Policies", POLICIES, "Readers, Writers, Admins and BlockValidation are required."),
            Field.of("ConsenterMapping", new FieldType.ListOf(BFT_CONSENTER), "The BFT consenters (OrdererType BFT).")
                    .only(FabricVersion.V3));

    public static final FieldType.Struct APPLICATION = struct("Application",
            Field.of("Organizations", ORGANIZATIONS, "The organizations participating on the application side."),
            Field.of("Capabilities", CAPABILITIES, "Application capabilities, e.g. V2_5: true."),
            Field.of("Policies", POLICIES, "Readers, Writers and Admins are required; LifecycleEndorsement and "
                    + "Endorsement are usual."),
            Field.of("ACLs", new FieldType.MapOf(s(STRING)), "Resource → policy path, e.g. _lifecycle/CheckCommitReadiness: "
                    + "/Channel/Application/Writers."));

    public static final FieldType.Struct CONSORTIUM = struct("Consortium",
            Field.of("Organizations", ORGANIZATIONS, "Member organizations of the consortium (system channel, Fabric 2.x)."));

    public static final FieldType.Struct PROFILE = struct("Profile",
            Field.of("Consortium", STRING, "Consortium of an application channel (system channel era)."),
            Field.of("Application", APPLICATION, "The application section of the channel."),
            Field.of("Orderer", ORDERER, "The orderer section of the channel."),
            Field.of("Consortiums", new FieldType.MapOf(CONSORTIUM), "Consortiums of a system channel; not supported by Fabric 3."),
            Field.of("Capabilities", CAPABILITIES, "Channel capabilities, e.g. V3_0: true."),
            Field.of("Policies", POLICIES, "Channel policies: Readers, Writers and Admins are required."));

    /** Field order is binding order: the anchored sections come first, so a problem in them is reported with their own path. */
    public static final FieldType.Struct TOP_LEVEL = struct("TopLevel",
            Field.of("Organizations", ORGANIZATIONS, "Organization definitions, usually anchored for use in profiles."),
            Field.of("Capabilities", new FieldType.MapOf(CAPABILITIES), "Capability sets: Channel, Orderer, Application."),
            Field.of("Application", APPLICATION, "Application defaults, usually &ApplicationDefaults."),
            Field.of("Orderer", ORDERER, "Orderer defaults, usually &OrdererDefaults."),
            Field.of("Channel", PROFILE, "Channel defaults, usually &ChannelDefaults."),
            Field.of("Profiles", new FieldType.MapOf(PROFILE), "Channel profiles, selected with configtxgen -profile."));

    /** Advice shown with unknown keys that people often put in the wrong place. */
    public static final Map<String, String> KEY_HINTS = Map.of(
            "consenter.id", "ID, MSPID and Identity exist only in Orderer.ConsenterMapping (BFT), not in EtcdRaft.Consenters",
            "consenter.mspid", "ID, MSPID and Identity exist only in Orderer.ConsenterMapping (BFT), not in EtcdRaft.Consenters",
            "consenter.identity", "ID, MSPID and Identity exist only in Orderer.ConsenterMapping (BFT), not in EtcdRaft.Consenters",
            "toplevel.consortiums", "there is no top-level Consortiums key; consortiums belong inside a profile (and Fabric 3 has none)",
            "kafka", "Kafka consensus was removed in Fabric 3; delete this section and use OrdererType etcdraft or BFT",
            // genesisconfig.TopLevel and Application had Resources{DefaultModPolicy} from 1.1 to 2.1
            "toplevel.resources", "Resources is a Fabric 1.1-2.1 key, removed in Fabric 2.2: delete it",
            "application.resources", "Resources is a Fabric 1.1-2.1 key, removed in Fabric 2.2: delete it");
}
