package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.GoDuration;
import io.raftlens.config.value.Placeholders;

/** RAFT003: TickInterval must be a Go duration with a unit. */
final class TickIntervalRule extends ConfigtxRule {

    TickIntervalRule() {
        super("RAFT003", Severity.ERROR, "TickInterval is not a duration",
                "TickInterval is a string parsed with Go's time.ParseDuration and needs a unit (500ms, 1s). configtxgen panics "
                        + "with \"Etcdraft TickInterval (%s) must be in time duration format\"; the orderer with \"failed to parse "
                        + "TickInterval (%s) to time duration\".");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            o.orderer().etcdRaft().ifPresent(raft -> {
                Sourced<String> text = raft.options().tickIntervalText();
                if (text.isDefault() || Placeholders.contains(text.value())) {
                    return;
                }
                GoDuration.Parsed p = GoDuration.parse(text.value());
                if (!p.ok()) {
                    String hint = text.value().chars().allMatch(Character::isDigit) ? " (did you mean " + text.value() + "ms?)" : "";
                    report(sink, text.range(), "TickInterval \"" + text.value() + "\" is not a duration" + hint
                            + ": configtxgen panics with \"Etcdraft TickInterval (" + text.value()
                            + ") must be in time duration format\" (" + p.error() + ")");
                }
            });
        }
    }
}
