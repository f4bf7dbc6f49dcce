package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;

/** CTX022: OrdererType BFT needs the V3_0 channel capability. */
final class BftChannelCapabilityRule extends ConfigtxRule {

    BftChannelCapabilityRule() {
        super("CTX022", Severity.ERROR, "BFT without the V3_0 channel capability",
                "SmartBFT ordering exists from Fabric 3 and needs the V3_0 channel capability. configtxgen fails with "
                        + "\"orderer type BFT must be used with V3_0 channel capability: %v\".");
    }

    /** The channel capabilities as Go prints a map[string]bool: map[V2_0:true]. */
    static String goMap(io.raftlens.config.model.configtx.Profile p) {
        return "map[" + String.join(" ", p.capabilities().all().stream()
                .map(c -> c.name() + ":" + c.enabled()).sorted().toList()) + "]";
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            if (o.profile().isPresent() && o.orderer().isBft() && !v3Channel(o.profile().get())) {
                report(sink, o.orderer().ordererType().range(), o.where() + " uses OrdererType BFT without the V3_0 channel "
                        + "capability: configtxgen fails with \"orderer type BFT must be used with V3_0 channel capability: "
                        + goMap(o.profile().get()) + "\"; enable V3_0 in the channel Capabilities");
            }
        }
    }
}
