package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Organization;
import io.raftlens.config.model.configtx.Policies;
import io.raftlens.config.model.configtx.Policy;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.PolicyDsl;
import io.raftlens.config.yaml.Range;
import java.util.ArrayList;
import java.util.List;

/** CTX028: an ImplicitMeta policy names a sub-policy that some sub-group does not define. */
final class ImplicitMetaReferenceRule extends ConfigtxRule {

    /** A sub-group an ImplicitMeta policy aggregates over, and where its policies are written. */
    private record SubGroup(String label, Policies policies, Range at) {}

    ImplicitMetaReferenceRule() {
        super("CTX028", Severity.WARNING, "ImplicitMeta sub-policy missing in a sub-group",
                "An ImplicitMeta policy such as \"MAJORITY Endorsement\" aggregates the named policy of every sub-group (the "
                        + "organizations of the Application or Orderer group; the Orderer and Application groups of the channel). A "
                        + "sub-group without that policy counts as a vote that is never satisfied, so e.g. chaincode approvals from "
                        + "that organization never count toward LifecycleEndorsement.");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        // organizations are shared by many profiles: read each one's policies once
        java.util.Map<Object, SubGroup> orgGroups = new java.util.IdentityHashMap<>();
        for (Profile p : profiles(configtx, context)) {
            List<SubGroup> channelSubs = new ArrayList<>();
            p.orderer().ifPresent(o -> channelSubs.add(new SubGroup("the Orderer group", o.policies(), o.policies().keyRange())));
            p.application().ifPresent(a -> channelSubs.add(new SubGroup("the Application group", a.policies(), a.policies().keyRange())));
            check(p.policies(), "the channel of profile " + p.name(), channelSubs, sink);
            p.orderer().ifPresent(o -> check(o.policies(), "the Orderer of profile " + p.name(), orgs(o.organizations(), orgGroups), sink));
            p.application().ifPresent(a -> check(a.policies(), "the Application of profile " + p.name(), orgs(a.organizations(), orgGroups), sink));
        }
    }

    private static List<SubGroup> orgs(List<Organization> organizations, java.util.Map<Object, SubGroup> cache) {
        return organizations.stream().filter(o -> !o.skipAsForeign())
                .map(o -> cache.computeIfAbsent(o.bound(), b -> {
                    Policies policies = o.policies();
                    return new SubGroup("organization " + o.label(), policies, policies.keyRange());
                })).toList();
    }

    private void check(Policies group, String where, List<SubGroup> subs, DiagnosticSink sink) {
        for (Policy policy : group.all()) {
            if (policy.type().isEmpty() || !policy.type().get().value().equals("ImplicitMeta") || policy.rule().isEmpty()
                    || PolicyDsl.implicitMetaError(policy.rule().get().value()).isPresent()) {
                continue;
            }
            String rule = policy.rule().get().value();
            String sub = PolicyDsl.implicitMetaSubPolicy(rule).orElseThrow();
            for (SubGroup g : subs) {
                if (g.policies().present() && g.policies().get(sub).isEmpty()) {
                    report(sink, severityOf(), g.at(), g.label() + " has no " + sub + " policy, but policy " + policy.name() + " (\"" + rule
                                    + "\") of " + where + " aggregates it: Fabric counts the missing policy as never satisfied",
                            List.of(related(policy.rule().get().range(), "the ImplicitMeta policy")));
                }
            }
        }
    }

    private Severity severityOf() {
        return info().severity();
    }
}
