package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Organization;
import io.raftlens.config.model.configtx.Policy;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.Placeholders;
import io.raftlens.config.value.PolicyDsl;
import java.util.HashSet;
import java.util.Set;

/** CTX015: Signature rules in Fabric's policy DSL, with known MSP IDs. */
final class SignatureRuleSyntaxRule extends ConfigtxRule {

    SignatureRuleSyntaxRule() {
        super("CTX015", Severity.ERROR, "Invalid signature policy rule",
                "A Signature Rule is Fabric's policy DSL: OR(…), AND(…), OutOf(n, …) over principals '<MSPID>.<role>' with role "
                        + "admin, member, client, peer or orderer. configtxgen fails with \"invalid signature policy rule '%s'\". "
                        + "A principal whose MSP ID no organization in the file has is reported as a warning (likely a typo).");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        Set<String> mspIds = new HashSet<>();
        for (Organization o : configtx.organizations()) {
            o.id().map(Sourced::value).ifPresent(mspIds::add);
        }
        organizations(configtx, context).forEach(o -> o.org().id().map(Sourced::value).ifPresent(mspIds::add));
        boolean idsKnown = !mspIds.isEmpty() && mspIds.stream().noneMatch(Placeholders::contains);
        for (Policy p : PolicyScope.all(configtx, context)) {
            if (p.type().isEmpty() || !p.type().get().value().equals("Signature") || p.rule().isEmpty()) {
                continue;
            }
            String rule = p.rule().get().value();
            if (Placeholders.contains(rule)) {
                continue;
            }
            PolicyDsl.Signature sig = PolicyDsl.signature(rule);
            if (!sig.ok()) {
                report(sink, p.rule().get().range(), "policy " + p.name() + ": " + sig.error() + "; configtxgen fails with "
                        + "\"invalid signature policy rule '" + rule + "'\"");
                continue;
            }
            if (idsKnown) {
                for (PolicyDsl.Principal principal : sig.principals()) {
                    if (!mspIds.contains(principal.mspId())) {
                        report(sink, Severity.WARNING, p.rule().get().range(), "policy " + p.name() + " names MSP ID "
                                + principal.mspId() + ", which no organization in this file has (known: "
                                + String.join(", ", mspIds.stream().sorted().toList()) + "); the policy can never be satisfied by it");
                    }
                }
            }
        }
    }
}
