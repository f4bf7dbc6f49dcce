package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;

/** RAFT004: TickInterval must be positive. */
final class TickIntervalPositiveRule extends ConfigtxRule {

    TickIntervalPositiveRule() {
        super("RAFT004", Severity.ERROR, "TickInterval must be positive",
                "A TickInterval of 0s passes configtxgen but the orderer rejects the channel with \"TickInterval cannot be zero\"; "
                        + "a negative one passes that check and then panics the orderer in time.NewTicker (\"non-positive interval for NewTicker\").");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            o.orderer().etcdRaft().flatMap(r -> r.options().tickInterval()).ifPresent(tick -> {
                if (tick.isDefault()) {
                    return;
                }
                if (tick.value().isZero()) {
                    report(sink, tick.range(), "TickInterval is zero: the orderer rejects the channel with \"TickInterval cannot be zero\"");
                } else if (tick.value().isNegative()) {
                    report(sink, tick.range(), "TickInterval is negative: it passes Fabric's checks and then panics the orderer "
                            + "(\"non-positive interval for NewTicker\")");
                }
            });
        }
    }
}
