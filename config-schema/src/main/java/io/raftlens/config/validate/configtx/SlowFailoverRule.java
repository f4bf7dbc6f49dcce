package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.EtcdRaftOptions;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.GoDuration;
import java.time.Duration;

/** RAFT017: timing that leaves a channel without a leader for a long time after the leader fails. */
final class SlowFailoverRule extends ConfigtxRule {

    static final Duration SLOW = Duration.ofSeconds(20);

    SlowFailoverRule() {
        super("RAFT017", Severity.WARNING, "Slow leader failover",
                "When the leader fails, followers wait TickInterval × ElectionTick (randomised up to twice that) before electing "
                        + "a new one; meanwhile the channel orders no transactions. Above 20 s this is usually unintended "
                        + "(Fabric's default is 500ms × 10 = 5 s).");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            o.orderer().etcdRaft().ifPresent(raft -> {
                EtcdRaftOptions opts = raft.options();
                opts.tickInterval().ifPresent(tick -> {
                    Duration timeout = tick.value().multipliedBy(opts.electionTick().value());
                    if (timeout.compareTo(SLOW) > 0) {
                        report(sink, (tick.isDefault() ? opts.electionTick() : tick).range(), "election timeout is "
                                + GoDuration.format(tick.value()) + " × " + opts.electionTick().value() + " = " + GoDuration.format(timeout)
                                + ": after a leader failure the channel orders nothing for " + GoDuration.format(timeout) + " to "
                                + GoDuration.format(timeout.multipliedBy(2)) + "; shorten TickInterval or ElectionTick");
                    }
                });
            });
        }
    }
}
