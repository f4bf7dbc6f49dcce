package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;

/** CTX024: BFT tolerates f faulty nodes with 3f+1 consenters. */
final class BftSizeRule extends ConfigtxRule {

    BftSizeRule() {
        super("CTX024", Severity.WARNING, "BFT cluster size",
                "SmartBFT tolerates f faulty nodes with at least 3f+1 consenters. Fewer than 4 tolerate none; sizes between "
                        + "3f+1 and 3(f+1)+1 add nodes without tolerating more faults.");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            if (o.profile().isEmpty() || !o.orderer().isBft()) {
                continue;
            }
            int n = o.orderer().consenterMapping().size();
            if (n == 0) {
                continue;
            }
            int f = (n - 1) / 3;
            if (n < 4) {
                report(sink, o.orderer().fieldKeyRange("ConsenterMapping"), n + " BFT consenters tolerate no faulty node; BFT needs "
                        + "3f+1 nodes to tolerate f (4 for one)");
            } else if (n != 3 * f + 1) {
                report(sink, o.orderer().fieldKeyRange("ConsenterMapping"), n + " BFT consenters tolerate " + f + " faulty node"
                        + (f == 1 ? "" : "s") + ", no more than " + (3 * f + 1) + " would");
            }
        }
    }
}
