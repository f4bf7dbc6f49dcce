package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.EtcdRaftOptions;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import java.util.Map;

/**
 * RAFT002: an etcdraft option written as 0. configtxgen treats 0 as unset and puts the default in the
 * block, so what runs is not what the file says; the orderer itself rejects zero ticks.
 */
final class ZeroOptionRule extends ConfigtxRule {

    private static final Map<String, String> DEFAULTS = Map.of(
            "ElectionTick", String.valueOf(EtcdRaftOptions.DEFAULT_ELECTION_TICK),
            "HeartbeatTick", String.valueOf(EtcdRaftOptions.DEFAULT_HEARTBEAT_TICK),
            "MaxInflightBlocks", String.valueOf(EtcdRaftOptions.DEFAULT_MAX_INFLIGHT_BLOCKS),
            "SnapshotIntervalSize", "16 MB");

    ZeroOptionRule() {
        super("RAFT002", Severity.WARNING, "etcdraft option set to zero",
                "HeartbeatTick, ElectionTick, MaxInflightBlocks and SnapshotIntervalSize must not be zero. configtxgen treats 0 as "
                        + "unset and silently writes the default instead; a zero that reaches the orderer (config update) is rejected "
                        + "with \"none of HeartbeatTick (%d), ElectionTick (%d) and MaxInflightBlocks (%d) can be zero\".");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            o.orderer().etcdRaft().ifPresent(raft -> {
                EtcdRaftOptions opts = raft.options();
                for (Map.Entry<String, Sourced<Long>> e : opts.writtenNumbers().entrySet()) {
                    if (e.getValue().value() == 0) {
                        String name = e.getKey();
                        String orderer = name.equals("SnapshotIntervalSize") ? ""
                                : "; Fabric's orderer rejects zero values with \"none of HeartbeatTick (" + opts.heartbeatTick().value()
                                + "), ElectionTick (" + opts.electionTick().value() + ") and MaxInflightBlocks ("
                                + opts.maxInflightBlocks().value() + ") can be zero\"";
                        report(sink, e.getValue().range(), name + ": 0 means unset: configtxgen replaces it with the default "
                                + DEFAULTS.get(name) + orderer + ". Write the value you want");
                    }
                }
            });
        }
    }
}
