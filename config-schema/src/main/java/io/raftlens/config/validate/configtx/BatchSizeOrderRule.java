package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.configtx.BatchSize;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.ByteSize;

/** CTX002: PreferredMaxBytes must not exceed AbsoluteMaxBytes. */
final class BatchSizeOrderRule extends ConfigtxRule {

    BatchSizeOrderRule() {
        super("CTX002", Severity.ERROR, "PreferredMaxBytes larger than AbsoluteMaxBytes",
                "configtxgen writes such a block, but the orderer rejects the channel with \"Attempted to set the batch size "
                        + "preferred max bytes (%v) greater than the absolute max bytes (%v).\"");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            BatchSize b = o.orderer().batchSize();
            Sourced<Long> preferred = b.preferredMaxBytes();
            Sourced<Long> absolute = b.absoluteMaxBytes();
            if (preferred.value() > absolute.value()) {
                report(sink, (preferred.isDefault() ? absolute : preferred).range(), "PreferredMaxBytes ("
                        + ByteSize.describe(preferred.value()) + ") is greater than AbsoluteMaxBytes (" + ByteSize.describe(absolute.value())
                        + "): the orderer rejects the channel with \"Attempted to set the batch size preferred max bytes ("
                        + preferred.value() + ") greater than the absolute max bytes (" + absolute.value() + ").\"");
            }
        }
    }
}
