package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.Placeholders;
import java.util.Locale;

/** CTX001: OrdererType must be etcdraft or BFT (case-sensitive); solo and kafka do not run on Fabric 3. */
final class OrdererTypeRule extends ConfigtxRule {

    OrdererTypeRule() {
        super("CTX001", Severity.ERROR, "Unknown or unsupported OrdererType",
                "OrdererType is case-sensitive: etcdraft or BFT (Fabric 2.5 also has solo and kafka). Any other value panics "
                        + "configtxgen with \"unknown orderer type: %s\". solo is still accepted by configtxgen 3, but a Fabric 3 "
                        + "orderer refuses the channel: \"failed to find a consenter for consensus type: solo\".");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        boolean v3 = context.fabricVersion() == io.raftlens.config.fabric.FabricVersion.V3;
        for (OrdererInScope o : orderers(configtx, context)) {
            Sourced<String> type = o.orderer().ordererType();
            if (type.isDefault() || Placeholders.contains(type.value())) {
                continue;
            }
            String t = type.value();
            switch (t) {
                case "etcdraft" -> { }
                case "BFT" -> {
                    if (!v3) {
                        report(sink, type.range(), "OrdererType BFT needs Fabric 3; Fabric 2.5's configtxgen fails with \"unknown orderer type: BFT\"");
                    }
                }
                case "solo" -> {
                    if (v3) {
                        boolean chosen = o.profile().map(p -> chosen(context, p)).orElse(false);
                        report(sink, chosen ? Severity.ERROR : Severity.WARNING, type.range(), o.where()
                                + " uses OrdererType solo, which Fabric 3 removed: configtxgen still writes the block but the orderer "
                                + "refuses it with \"failed to find a consenter for consensus type: solo\"; use etcdraft");
                    }
                }
                case "kafka" -> {
                    if (v3) {
                        report(sink, type.range(), "OrdererType kafka was removed in Fabric 3: configtxgen panics with "
                                + "\"unknown orderer type: kafka\"; migrate to etcdraft");
                    }
                }
                default -> {
                    String lower = t.toLowerCase(Locale.ROOT);
                    String hint = lower.equals("etcdraft") || lower.equals("raft") || lower.equals("etcd_raft") ? " (did you mean etcdraft?)"
                            : (lower.equals("bft") || lower.equals("smartbft")) && v3 ? " (did you mean BFT?)"
                            : lower.equals("bft") || lower.equals("smartbft") ? " (BFT needs Fabric 3)"
                            : lower.equals("solo") && !v3 ? " (did you mean solo?)"
                            : lower.equals("kafka") && !v3 ? " (did you mean kafka?)" : "";
                    // the types this release's configtxgen encodes (encoder.NewOrdererGroup): 2.5 has no BFT, 3 no kafka
                    String known = v3 ? "etcdraft or BFT" : "etcdraft, solo or kafka";
                    report(sink, type.range(), "unknown OrdererType \"" + t + "\"" + hint + ": configtxgen panics with \"unknown "
                            + "orderer type: " + t + "\"; OrdererType is case-sensitive: " + known);
                }
            }
        }
    }
}
