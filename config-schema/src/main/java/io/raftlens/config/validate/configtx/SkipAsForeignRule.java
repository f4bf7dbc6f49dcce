package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;

/** CTX026: an organization marked SkipAsForeign cannot be part of a genesis block. */
final class SkipAsForeignRule extends ConfigtxRule {

    SkipAsForeignRule() {
        super("CTX026", Severity.ERROR, "SkipAsForeign organization in a profile",
                "SkipAsForeign skips loading the organization's MSP, which is only possible when updating an existing channel. "
                        + "configtxgen refuses to put it in a genesis block: \"organization '%s' is marked to be skipped as foreign\".");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrgInScope o : organizations(configtx, context)) {
            if (o.profile().isPresent() && o.org().skipAsForeign()) {
                report(sink, o.org().bound().field("SkipAsForeign").map(f -> f.entry().value().range()).orElse(o.org().range()),
                        "organization " + o.org().label() + " in profile " + o.profile().get().name() + " is SkipAsForeign: "
                                + "configtxgen refuses the genesis block with \"organization '" + o.org().label()
                                + "' is marked to be skipped as foreign\"");
            }
        }
    }
}
