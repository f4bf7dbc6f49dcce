package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;

/** RAFT006: OrdererType etcdraft needs an EtcdRaft section. */
final class EtcdRaftMissingRule extends ConfigtxRule {

    EtcdRaftMissingRule() {
        super("RAFT006", Severity.ERROR, "EtcdRaft section missing",
                "A profile with OrdererType etcdraft has no EtcdRaft section with the consenters. configtxgen panics with "
                        + "\"etcdraft configuration missing\".");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            if (o.profile().isPresent() && o.orderer().isEtcdRaft() && o.orderer().etcdRaft().isEmpty()) {
                report(sink, o.orderer().ordererType().range(), o.where() + " uses OrdererType etcdraft but its Orderer has no "
                        + "EtcdRaft section: configtxgen panics with \"etcdraft configuration missing\". Add EtcdRaft with the Consenters");
            }
        }
    }
}
