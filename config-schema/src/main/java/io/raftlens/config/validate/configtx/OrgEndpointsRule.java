package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Organization;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;

/** CTX007: with V3_0 every orderer organization needs OrdererEndpoints. */
final class OrgEndpointsRule extends ConfigtxRule {

    OrgEndpointsRule() {
        super("CTX007", Severity.ERROR, "Orderer organization without OrdererEndpoints under V3_0",
                "With the V3_0 channel capability every orderer organization must list its OrdererEndpoints. configtxgen fails "
                        + "with \"orderer endpoints for organization %s are missing and must be configured when capability V3_0 is "
                        + "enabled\"; the orderer with \"some orderer organizations endpoints are empty: %s\".");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (Profile p : profiles(configtx, context)) {
            if (!v3Channel(p) || p.orderer().isEmpty()) {
                continue;
            }
            for (Organization org : p.orderer().get().organizations()) {
                if (org.ordererEndpoints().isEmpty() && !org.skipAsForeign()) {
                    report(sink, org.name().map(n -> n.keyRange()).orElse(org.range()), "orderer organization " + org.label()
                            + " has no OrdererEndpoints, but profile " + p.name() + " enables V3_0: configtxgen fails with \"orderer "
                            + "endpoints for organization " + org.label() + " are missing and must be configured when capability V3_0 "
                            + "is enabled\"");
                }
            }
        }
    }
}
