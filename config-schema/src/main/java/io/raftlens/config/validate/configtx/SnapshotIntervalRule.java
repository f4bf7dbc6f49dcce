package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.ByteSize;

/** RAFT005: a SnapshotIntervalSize not larger than a block makes the orderer snapshot after almost every block. */
final class SnapshotIntervalRule extends ConfigtxRule {

    SnapshotIntervalRule() {
        super("RAFT005", Severity.WARNING, "SnapshotIntervalSize smaller than a block",
                "etcdraft takes a snapshot each time SnapshotIntervalSize bytes of blocks have accumulated. If it is not larger "
                        + "than BatchSize.PreferredMaxBytes, nearly every block triggers a snapshot, which costs disk I/O and "
                        + "slows the leader.");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            o.orderer().etcdRaft().ifPresent(raft -> {
                Sourced<Long> snap = raft.options().snapshotIntervalSize();
                long preferred = o.orderer().batchSize().preferredMaxBytes().value();
                if (!snap.isDefault() && snap.value() > 0 && snap.value() <= preferred) {
                    report(sink, snap.range(), "SnapshotIntervalSize is " + ByteSize.describe(snap.value())
                            + ", not more than BatchSize.PreferredMaxBytes (" + ByteSize.describe(preferred)
                            + "): the orderer will take a snapshot after nearly every block; the default is 16 MB");
                }
            });
        }
    }
}
