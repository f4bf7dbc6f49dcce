package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.Views;
import io.raftlens.config.model.configtx.BatchSize;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import java.util.Map;

/** CTX003: a BatchSize value written as 0, which configtxgen silently replaces with its default. */
final class BatchSizeZeroRule extends ConfigtxRule {

    private static final Map<String, String> DEFAULTS = Map.of(
            "MaxMessageCount", "500", "AbsoluteMaxBytes", "10 MB", "PreferredMaxBytes", "2 MB");

    BatchSizeZeroRule() {
        super("CTX003", Severity.WARNING, "BatchSize value set to zero",
                "configtxgen treats 0 as unset and writes the default (MaxMessageCount 500, AbsoluteMaxBytes 10 MB, "
                        + "PreferredMaxBytes 2 MB). A zero that reaches the orderer is rejected with \"Attempted to set the batch size "
                        + "max message count to an invalid value: 0\".");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            BatchSize b = o.orderer().batchSize();
            if (b.bound() == null) {
                continue;
            }
            for (String field : DEFAULTS.keySet()) {
                Views.scalar(b.bound(), field, Long.class).filter(v -> v.value() == 0).map(Sourced::range)
                        .ifPresent(r -> report(sink, r, "BatchSize." + field + ": 0 means unset: configtxgen replaces it with the default "
                                + DEFAULTS.get(field) + "; write the value you want"));
            }
        }
    }
}
