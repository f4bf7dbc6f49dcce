package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.EtcdRaftOptions;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;

/** RAFT001: ElectionTick must be greater than HeartbeatTick (after configtxgen's defaults). */
final class ElectionTickRule extends ConfigtxRule {

    ElectionTickRule() {
        super("RAFT001", Severity.ERROR, "ElectionTick must exceed HeartbeatTick",
                "etcd/raft needs followers to wait longer than one heartbeat interval before starting an election. configtxgen "
                        + "panics with \"election tick must be greater than heartbeat tick\"; the orderer rejects the channel with "
                        + "\"ElectionTick (%d) must be greater than HeartbeatTick (%d)\".");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            o.orderer().etcdRaft().ifPresent(raft -> {
                EtcdRaftOptions opts = raft.options();
                Sourced<Long> election = opts.electionTick();
                Sourced<Long> heartbeat = opts.heartbeatTick();
                if (election.value() <= heartbeat.value()) {
                    Sourced<Long> at = election.isDefault() ? heartbeat : election;
                    report(sink, at.range(), "ElectionTick (" + election.value() + ", " + election.origin()
                            + ") must be greater than HeartbeatTick (" + heartbeat.value() + "): configtxgen panics with "
                            + "\"election tick must be greater than heartbeat tick\" and the orderer rejects it with \"ElectionTick ("
                            + election.value() + ") must be greater than HeartbeatTick (" + heartbeat.value() + ")\"");
                }
            });
        }
    }
}
