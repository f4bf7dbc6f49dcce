package io.raftlens.raft.network;

import io.raftlens.raft.ids.NodeId;
import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.configtx.BatchSize;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Consenter;
import io.raftlens.config.model.configtx.EtcdRaft;
import io.raftlens.config.model.configtx.EtcdRaftOptions;
import io.raftlens.config.model.configtx.OrdererSection;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.config.model.orderer.HostPort;
import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.yaml.Range;
import io.raftlens.raft.node.ChainOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a configtx.yaml profile (+ orderer.yaml) into a {@link NetworkPlan}. Problems are one-line
 * {@link IllegalArgumentException}s naming the file and line: a profile without EtcdRaft, a consenter without
 * Host or Port, a second channel whose profile has another consenter set.
 */
public final class NetworkPlanLoader {

    /** {@code --channel NAME[=PROFILE]}: profile null means the launch profile. */
    public record ChannelRequest(String name, String profile) {
    }

    /** Launch-time overrides; any may be null. */
    /** Launch options that override the files; null: not given. */
    public record Overrides(Duration tick, Integer opsBasePort, FabricRelease fabricRelease) {
        public static final Overrides NONE = new Overrides(null, null);

        public Overrides(Duration tick, Integer opsBasePort) {
            this(tick, opsBasePort, null);
        }
    }

    public static final String DEFAULT_CHANNEL = "mychannel";
    public static final int DEFAULT_OPS_PORT = 8443;

    private NetworkPlanLoader() {
    }

    /** The profile to launch when none is named: the only etcdraft profile, else the first one. */
    public static String defaultProfile(Configtx configtx) {
        List<Profile> raft = configtx.etcdRaftProfiles();
        if (!raft.isEmpty()) {
            return raft.get(0).name();
        }
        if (configtx.profiles().isEmpty()) {
            throw new IllegalArgumentException(configtx.file() + ": no Profiles; add a profile with an Orderer section of OrdererType etcdraft");
        }
        return configtx.profiles().get(0).name();
    }

    public static NetworkPlan load(Configtx configtx, String profileName, List<ChannelRequest> channelRequests,
                                   OrdererYaml orderer, Overrides overrides) {
        Profile profile = profile(configtx, profileName);
        EtcdRaft raft = etcdRaft(configtx, profile);
        List<ConsenterPlan> consenters = consenters(configtx, raft);
        List<ChannelRequest> requests = channelRequests.isEmpty()
                ? List.of(new ChannelRequest(DEFAULT_CHANNEL, null)) : channelRequests;
        Duration tick = overrides.tick();
        if (tick == null && orderer != null) {
            tick = orderer.consensus().tickIntervalOverride().orElse(null);
        }
        // The etcd raft the stood-in Fabric release vendors (Fabric 2.5: 3.5), unless --fabric-version says otherwise.
        FabricRelease release = overrides.fabricRelease() != null ? overrides.fabricRelease() : FabricRelease.inferred(configtx);
        Map<String, ChainOptions> channels = new LinkedHashMap<>();
        for (ChannelRequest r : requests) {
            Profile p = r.profile() == null ? profile : profile(configtx, r.profile());
            EtcdRaft er = p == profile ? raft : etcdRaft(configtx, p);
            if (p != profile) {
                List<String> mine = consenters.stream().map(ConsenterPlan::address).toList();
                List<String> theirs = consenters(configtx, er).stream().map(ConsenterPlan::address).toList();
                if (!mine.equals(theirs)) {
                    throw new IllegalArgumentException(where(configtx, p.keyRange()) + ": channel " + r.name() + " uses profile "
                            + p.name() + " whose consenters " + theirs + " differ from the network's " + mine
                            + "; raftlens launch runs one consenter set for all channels");
                }
            }
            if (channels.containsKey(r.name())) {
                throw new IllegalArgumentException("channel " + r.name() + " is given twice");
            }
            ChainOptions options = options(configtx, r.name(), p, er, consenters, tick)
                    .withEtcdRaftVersion(release.etcdRaft());
            channels.put(r.name(), orderer == null ? options
                    : options.withEvictionSuspicion(orderer.consensus().evictionSuspicion()));
        }
        String opsHost = "127.0.0.1";
        int opsPort = DEFAULT_OPS_PORT;
        String walDir = null;
        String snapDir = null;
        int sendBuffer = 100;
        java.time.Duration rpcTimeout = NetworkPlan.DEFAULT_RPC_TIMEOUT;
        if (orderer != null) {
            Optional<HostPort> ops = orderer.operations().listenAddress();
            if (ops.isPresent()) {
                opsPort = ops.get().port();
                if (!ops.get().isWildcard() && !ops.get().host().isBlank()) {
                    opsHost = "127.0.0.1"; // every node of a launch listens on loopback
                }
            }
            walDir = orderer.consensus().walDir().map(Path::toString).orElse(null);
            snapDir = orderer.consensus().snapDir().map(Path::toString).orElse(null);
            sendBuffer = Math.max(1, orderer.general().cluster().sendBufferSize());
            rpcTimeout = orderer.general().cluster().rpcTimeout();
        }
        if (overrides.opsBasePort() != null) {
            opsPort = overrides.opsBasePort();
        }
        ParticipationPlan participation = participation(orderer, opsPort).withTickOverride(tick);
        return new NetworkPlan(configtx.file(), profile.name(), consenters, channels, opsHost, opsPort, walDir,
                snapDir, sendBuffer, Map.of(), participation, rpcTimeout);
    }

    /**
     * The admin endpoints from orderer.yaml's Admin and ChannelParticipation sections. Admin.TLS.ClientRootCAs are
     * read relative to orderer.yaml (Fabric reads them relative to the orderer's working directory; a launch runs
     * from anywhere). {@code --ops-base-port 0} (tests) makes the admin ports ephemeral too.
     */
    private static ParticipationPlan participation(OrdererYaml orderer, int opsPort) {
        ParticipationPlan defaults = ParticipationPlan.defaults(opsPort);
        if (orderer == null) {
            return defaults;
        }
        int port = opsPort == 0 ? 0 : orderer.admin().listenAddress().map(HostPort::port).orElse(ParticipationPlan.DEFAULT_ADMIN_PORT);
        var tls = orderer.admin().tls();
        io.raftlens.raft.fabric.participation.AdminTls.requireClientAuth(tls.enabled(), tls.clientAuthRequired());
        return new ParticipationPlan(port, tls.enabled(), tls.enabled() ? tls.paths("ClientRootCAs", true) : List.of(),
                orderer.channelParticipation().maxRequestBodySize(), null);
    }

    private static Profile profile(Configtx configtx, String name) {
        return configtx.profile(name).orElseThrow(() -> new IllegalArgumentException(configtx.file()
                + ": no profile " + name + " (profiles: " + String.join(", ", configtx.profileNames()) + ")"));
    }

    private static EtcdRaft etcdRaft(Configtx configtx, Profile profile) {
        OrdererSection o = profile.orderer().orElseThrow(() -> new IllegalArgumentException(
                where(configtx, profile.keyRange()) + ": profile " + profile.name()
                        + " has no Orderer section; raftlens launch needs an Orderer with OrdererType etcdraft and EtcdRaft consenters"));
        if (!o.isEtcdRaft()) {
            throw new IllegalArgumentException(where(configtx, o.keyRange()) + ": profile " + profile.name()
                    + " has OrdererType " + o.ordererType().value() + ", not etcdraft; raftlens launch runs etcdraft consenters");
        }
        EtcdRaft er = o.etcdRaft().orElseThrow(() -> new IllegalArgumentException(where(configtx, o.keyRange())
                + ": profile " + profile.name() + " has no EtcdRaft section (etcdraft configuration missing); add EtcdRaft with Consenters"));
        if (er.consenters().isEmpty()) {
            throw new IllegalArgumentException(where(configtx, er.consentersKeyRange())
                    + ": etcdraft configuration did not specify any consenter");
        }
        return er;
    }

    private static List<ConsenterPlan> consenters(Configtx configtx, EtcdRaft raft) {
        List<ConsenterPlan> out = new ArrayList<>();
        for (Consenter c : raft.consenters()) {
            String at = where(configtx, c.range());
            String host = c.host().map(Sourced::value).orElseThrow(() -> new IllegalArgumentException(
                    at + ": consenter info in etcdraft configuration did not specify host"));
            long port = c.port().map(Sourced::value).orElseThrow(() -> new IllegalArgumentException(
                    at + ": consenter " + host + " did not specify port"));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(at + ": consenter " + host + " has port " + port + ", outside 1..65535");
            }
            Path client = c.clientTlsCert().map(Sourced::value).orElse(null);
            Path server = c.serverTlsCert().map(Sourced::value).orElse(client);
            // one node per genesis consenter, numbered as configtxgen numbers the consenters (see genesisRaftId)
            out.add(new ConsenterPlan(NodeId.of(c.raftId()), host, (int) port, client, server, at));
        }
        for (int i = 0; i < out.size(); i++) {
            for (int j = i + 1; j < out.size(); j++) {
                if (out.get(i).port() == out.get(j).port()) {
                    throw new IllegalArgumentException(out.get(j).source() + ": consenters " + out.get(i).address() + " and "
                            + out.get(j).address() + " share port " + out.get(j).port()
                            + "; raftlens launch runs every consenter on 127.0.0.1, so each needs its own Port");
                }
            }
        }
        return out;
    }

    private static ChainOptions options(Configtx configtx, String channel, Profile p, EtcdRaft raft,
                                        List<ConsenterPlan> consenters, Duration tickOverride) {
        EtcdRaftOptions o = raft.options();
        OrdererSection orderer = p.orderer().orElseThrow();
        Duration tick = tickOverride != null ? tickOverride : o.tickInterval().map(Sourced::value)
                .orElseThrow(() -> new IllegalArgumentException(where(configtx, o.tickIntervalText().range())
                        + ": Etcdraft TickInterval (" + o.tickIntervalText().value() + ") must be in time duration format"));
        if (tick.isZero() || tick.isNegative()) {
            throw new IllegalArgumentException(where(configtx, o.tickIntervalText().range()) + ": TickInterval must be positive");
        }
        long election = o.electionTick().value();
        long heartbeat = o.heartbeatTick().value();
        if (election <= heartbeat) {
            throw new IllegalArgumentException(where(configtx, o.electionTick().range())
                    + ": election tick must be greater than heartbeat tick");
        }
        BatchSize bs = orderer.batchSize();
        return new ChainOptions(channel, consenters.stream().map(c -> c.id().value()).toList(), tick, (int) election,
                (int) heartbeat, (int) Math.max(1, o.maxInflightBlocks().value()), o.snapshotIntervalSize().value(),
                (int) bs.maxMessageCount().value().longValue(), bs.absoluteMaxBytes().value(),
                bs.preferredMaxBytes().value(), orderer.batchTimeout().value());
    }

    private static String where(Configtx configtx, Range range) {
        return configtx.file().getFileName() + ":" + (range.start().line() + 1);
    }
}
