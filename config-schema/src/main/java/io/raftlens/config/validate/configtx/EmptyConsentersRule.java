package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;

/** RAFT007: an EtcdRaft section needs at least one consenter. */
final class EmptyConsentersRule extends ConfigtxRule {

    EmptyConsentersRule() {
        super("RAFT007", Severity.ERROR, "No consenters",
                "The EtcdRaft section lists no consenters. configtxgen panics with \"etcdraft configuration did not specify any "
                        + "consenter\"; the orderer rejects such a channel with \"empty consenter set\".");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            o.orderer().etcdRaft().ifPresent(raft -> {
                boolean used = o.profile().isEmpty() ? o.orderer().isEtcdRaft() || o.orderer().has("EtcdRaft") : o.orderer().isEtcdRaft();
                if (used && raft.consenters().isEmpty()) {
                    report(sink, raft.consentersKeyRange(), "EtcdRaft has no consenters: configtxgen panics with \"etcdraft "
                            + "configuration did not specify any consenter\". List each ordering node with Host, Port, "
                            + "ClientTLSCert and ServerTLSCert");
                }
            });
        }
    }
}
