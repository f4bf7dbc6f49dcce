package io.raftlens.config.validate.configtx;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;

/** CTX020: system-channel profiles (Consortiums) cannot be used with Fabric 3. */
final class ConsortiumsRule extends ConfigtxRule {

    ConsortiumsRule() {
        super("CTX020", Severity.WARNING, "System channel profile under Fabric 3",
                "Fabric 3 has no system channel. configtxgen only warns (\"'Consortiums' should be nil since system channel is no "
                        + "longer supported in Fabric v3.x\"), but the orderer refuses to join the block: \"invalid config: contains "
                        + "consortiums\". A warning for leftover profiles; an error for the profile chosen with --profile.");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        if (context.fabricVersion() != FabricVersion.V3) {
            return;
        }
        for (Profile p : profiles(configtx, context)) {
            if (p.hasConsortiums()) {
                report(sink, chosen(context, p) ? Severity.ERROR : Severity.WARNING, p.consortiumsKeyRange(), "profile " + p.name()
                        + " defines Consortiums (a system channel), which Fabric 3 does not support: a Fabric 3 orderer refuses to "
                        + "join it with \"invalid config: contains consortiums\"");
            }
        }
    }
}
