package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.GoDuration;
import java.time.Duration;

/** CTX005: BatchTimeout must be positive. */
final class BatchTimeoutRule extends ConfigtxRule {

    BatchTimeoutRule() {
        super("CTX005", Severity.ERROR, "BatchTimeout must be positive",
                "A negative BatchTimeout passes configtxgen but the orderer rejects the channel with \"Attempted to set the batch "
                        + "timeout to a non-positive value: %s\".");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            Sourced<Duration> t = o.orderer().batchTimeout();
            if (!t.isDefault() && t.value().isNegative()) {
                report(sink, t.range(), "BatchTimeout is negative: the orderer rejects the channel with \"Attempted to set the "
                        + "batch timeout to a non-positive value: " + GoDuration.format(t.value()) + "\"");
            }
        }
    }
}
