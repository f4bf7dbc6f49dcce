package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Policies;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.yaml.Range;
import java.util.ArrayList;
import java.util.List;

/** CTX012: Readers, Writers and Admins in every group; BlockValidation in the Orderer group. */
final class RequiredPoliciesRule extends ConfigtxRule {

    RequiredPoliciesRule() {
        super("CTX012", Severity.ERROR, "Required policy missing",
                "configtxgen needs Readers, Writers and Admins policies in the channel, orderer, application and every organization, "
                        + "and BlockValidation in the orderer section. It fails with \"no policies defined\" or \"no Readers policy "
                        + "defined\" (Writers, Admins, BlockValidation), wrapped as \"error adding policies to orderer group\" etc.");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (Profile p : profiles(configtx, context)) {
            check(p.policies(), List.of(), "the channel of profile " + p.name(), "channel group", sink);
            p.orderer().ifPresent(o -> check(o.policies(), o.isBft() ? List.of() : List.of("BlockValidation"),
                    "the Orderer of profile " + p.name(), "orderer group", sink));
            p.application().ifPresent(a -> check(a.policies(), List.of(), "the Application of profile " + p.name(),
                    "application group", sink));
        }
        for (OrgInScope o : organizations(configtx, context)) {
            if (o.org().skipAsForeign()) {
                continue;
            }
            check(o.org().policies(), List.of(), "organization " + o.org().label(), orgGroup(o), sink,
                    orgSeverity(configtx, o, Severity.ERROR), orgNote(configtx, o));
        }
    }

    private void check(Policies policies, List<String> extra, String what, String group, DiagnosticSink sink) {
        check(policies, extra, what, group, sink, Severity.ERROR, "");
    }

    private void check(Policies policies, List<String> extra, String what, String group, DiagnosticSink sink,
                       Severity severity, String note) {
        Range at = policies.keyRange();
        if (!policies.present() || policies.all().isEmpty()) {
            report(sink, severity, at, what + " has no Policies: configtxgen fails with \"error adding policies to " + group
                    + ": no policies defined\"; define Readers, Writers and Admins" + (extra.isEmpty() ? "" : " and " + String.join(", ", extra))
                    + note);
            return;
        }
        List<String> required = new ArrayList<>(List.of("Admins", "Readers", "Writers"));
        required.addAll(extra);
        for (String name : required) {
            if (policies.get(name).isEmpty()) {
                report(sink, severity, at, what + " has no " + name + " policy: configtxgen fails with \"error adding policies to "
                        + group + ": no " + name + " policy defined\"" + note);
            }
        }
    }
}
