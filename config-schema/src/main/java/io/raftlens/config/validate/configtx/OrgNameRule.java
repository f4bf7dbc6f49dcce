package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.FabricNames;
import io.raftlens.config.value.Placeholders;

/** CTX016: organization (and consortium) names become config group keys and must be valid config IDs. */
final class OrgNameRule extends ConfigtxRule {

    OrgNameRule() {
        super("CTX016", Severity.ERROR, "Invalid organization name",
                "An organization's Name is its key in the channel configuration: it must be present, match [a-zA-Z0-9.-]+, not be "
                        + "'.' or '..', and be at most 249 characters. Fabric rejects the config with \"config ID '%s' contains illegal "
                        + "characters\". Consortium names follow the same rule.");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrgInScope o : organizations(configtx, context)) {
            if (o.org().name().isEmpty()) {
                report(sink, orgSeverity(configtx, o, Severity.ERROR), o.org().range(), "organization " + o.org().label()
                        + " has no Name; the Name is its key in the channel configuration (Fabric: \"config ID illegal, cannot be "
                        + "empty\")" + orgNote(configtx, o));
                continue;
            }
            var name = o.org().name().get();
            if (Placeholders.contains(name.value())) {
                continue;
            }
            FabricNames.configIdError(name.value()).ifPresent(err -> report(sink, orgSeverity(configtx, o, Severity.ERROR),
                    name.range(), "organization Name \"" + name.value() + "\" is not a valid config group key: Fabric rejects it "
                    + "with \"" + err + "\"; use letters, digits, '.' and '-'" + orgNote(configtx, o)));
        }
        for (Profile p : profiles(configtx, context)) {
            p.consortiums().forEach(c -> FabricNames.configIdError(c.key()).ifPresent(err -> report(sink, c.entry().key().range(),
                    "consortium name \"" + c.key() + "\" is not a valid config group key: Fabric rejects it with \"" + err + "\"")));
        }
    }
}
