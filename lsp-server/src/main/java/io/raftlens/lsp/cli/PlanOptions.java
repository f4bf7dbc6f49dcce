package io.raftlens.lsp.cli;

import io.raftlens.raft.network.FabricRelease;
import io.raftlens.raft.network.JoinBlocks;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.network.NetworkPlanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The network options {@code launch} and {@code node} share (a picocli mixin): what to plan from the configtx.yaml. */
public final class PlanOptions {

    @Option(names = "--profile", paramLabel = "NAME", description = "profile to launch (default: the first etcdraft profile)")
    String profile;

    @Option(names = "--channel", paramLabel = "NAME[=PROFILE]",
            description = "a channel to create (repeatable; default mychannel from the launch profile)")
    List<String> channels = new ArrayList<>();

    @Option(names = "--orderer-yaml", paramLabel = "FILE",
            description = "orderer.yaml (default: one beside CONFIGTX when present)")
    Path ordererYaml;

    @Option(names = "--ops-base-port", paramLabel = "PORT",
            description = "operations endpoint of the first node (+1 per node; default Operations.ListenAddress or 8443)")
    Integer opsBasePort;

    @Option(names = "--tick", paramLabel = "DURATION", description = "override every channel's TickInterval (e.g. 100ms)")
    String tick;

    @Option(names = "--fabric-version", paramLabel = "RELEASE",
            description = "the Fabric release the nodes stand in for; it picks the etcd raft they behave and log like: "
                    + "2.5, 3.0 and 3.1.0 to 3.1.4 vendor etcd raft 3.5, 3 and 3.1.5+ etcd raft 3.6 (default: from the "
                    + "Channel capabilities as validate infers, also 'auto': V2_x -> 2.5, V3_0 -> 3.1.5+)")
    String fabricVersion;

    @Option(names = "--config-block", paramLabel = "FILE",
            description = "start a channel from this genesis block (configtxgen -outputBlock; repeatable): its channel id, "
                    + "consenters and etcdraft options, checked against the profile")
    List<Path> configBlocks = new ArrayList<>();

    /**
     * The plan with the {@code --config-block} channels; the blocks replace the default channel when no --channel is
     * given. {@code --tick} or orderer.yaml's TickIntervalOverride (already applied to the planned channels) applies
     * to the blocks' channels too, as in Fabric. {@code --fabric-version} sets every channel's etcd raft release.
     *
     * @throws IllegalArgumentException for a block that cannot be used or a --fabric-version RaftLens does not model
     */
    NetworkPlan withConfigBlocks(NetworkPlanner.Planned planned) {
        NetworkPlan plan = planned.plan().orElseThrow();
        java.util.Optional<java.time.Duration> override = tick != null || planned.ordererTickOverride().isPresent()
                ? java.util.Optional.of(plan.channels().values().iterator().next().tickInterval())
                : java.util.Optional.empty();
        NetworkPlan withBlocks = JoinBlocks.apply(plan, configBlocks, channels.isEmpty(), override);
        return fabricVersion == null || fabricVersion.trim().equalsIgnoreCase("auto") ? withBlocks
                : withBlocks.withEtcdRaftVersion(FabricRelease.parse(fabricVersion).etcdRaft());
    }

    NetworkPlanner.LaunchRequest request(Path configtx) {
        return NetworkPlanner.LaunchRequest.ofFile(configtx, profile, channels, ordererYaml, tick, opsBasePort);
    }
}
