package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;

/** RAFT015: an even number of consenters tolerates no more failures than one fewer. */
final class ConsenterCountRule extends ConfigtxRule {

    ConsenterCountRule() {
        super("RAFT015", Severity.WARNING, "Even number of consenters",
                "Raft needs a majority (n/2+1) to elect a leader and commit blocks. An even cluster tolerates no more failed "
                        + "nodes than the next smaller odd one (4 nodes tolerate 1 failure, like 3), while needing more nodes for quorum.");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            o.orderer().etcdRaft().ifPresent(raft -> {
                int n = raft.consenters().size();
                if (n > 0 && n % 2 == 0) {
                    int quorum = n / 2 + 1;
                    int tolerated = (n - 1) / 2;
                    report(sink, raft.consentersKeyRange(), n + " consenters need " + quorum + " for a quorum and tolerate "
                            + tolerated + " failed node" + (tolerated == 1 ? "" : "s") + ", no more than " + (n - 1)
                            + " consenter" + (n - 1 == 1 ? "" : "s") + " would; use " + (n - 1) + " or " + (n + 1) + " consenters");
                }
            });
        }
    }
}
