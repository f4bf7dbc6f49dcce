package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;

/** CTX019: MSPType must be bccsp or idemix. */
final class MspTypeRule extends ConfigtxRule {

    MspTypeRule() {
        super("CTX019", Severity.ERROR, "Unknown MSPType",
                "MSPType is bccsp (the default, X.509) or idemix. configtxgen cannot load an MSP of any other type.");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrgInScope o : organizations(configtx, context)) {
            var type = o.org().mspType();
            if (!type.isDefault() && !type.value().equals("bccsp") && !type.value().equals("idemix")) {
                report(sink, orgSeverity(configtx, o, Severity.ERROR), type.range(), "organization " + o.org().label()
                        + " has MSPType \"" + type.value() + "\": configtxgen knows only bccsp (X.509, the default) and idemix"
                        + orgNote(configtx, o));
            }
        }
    }
}
