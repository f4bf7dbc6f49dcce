package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Organization;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** CTX029: two organizations with the same Name in one group: configtxgen keeps only the last. */
final class DuplicateOrgNameRule extends ConfigtxRule {

    DuplicateOrgNameRule() {
        super("CTX029", Severity.ERROR, "Two organizations with the same Name in one group",
                "configtxgen stores organizations in the Orderer or Application group under their Name, so of two organizations "
                        + "with the same Name only the last one ends up in the channel, without any message.");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (Profile p : profiles(configtx, context)) {
            p.orderer().ifPresent(o -> check(o.organizations(), "the Orderer of profile " + p.name(), sink));
            p.application().ifPresent(a -> check(a.organizations(), "the Application of profile " + p.name(), sink));
        }
    }

    private void check(List<Organization> orgs, String where, DiagnosticSink sink) {
        Map<String, Organization> first = new HashMap<>();
        for (Organization org : orgs) {
            org.name().map(Sourced::value).ifPresent(name -> {
                Organization earlier = first.putIfAbsent(name, org);
                if (earlier != null && earlier.bound() != org.bound()) {
                    report(sink, org.name().get().range(), "two organizations named " + name + " in " + where
                            + ": configtxgen keeps only the last one in the channel (the group key is the Name)");
                }
            });
        }
    }
}
