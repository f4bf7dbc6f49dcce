package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Capabilities;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.OrdererSection;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;

/** CTX011: channel or application capabilities need orderer capabilities. */
final class CapabilitySupportRule extends ConfigtxRule {

    CapabilitySupportRule() {
        super("CTX011", Severity.ERROR, "Capabilities without orderer capabilities",
                "Channel or Application capabilities are set but the Orderer section has none. The orderer refuses the channel "
                        + "with \"cannot enable channel capabilities without orderer support first\" (or application capabilities).");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (Profile p : profiles(configtx, context)) {
            if (p.orderer().isEmpty()) {
                continue;
            }
            OrdererSection o = p.orderer().get();
            if (!o.capabilities().all().isEmpty()) {
                continue;
            }
            Capabilities channel = p.capabilities();
            if (!channel.all().isEmpty()) {
                report(sink, o.keyRange(), "profile " + p.name() + " sets channel capabilities but its Orderer has no Capabilities: "
                        + "the orderer refuses the channel with \"cannot enable channel capabilities without orderer support first\"; "
                        + "add Capabilities: *OrdererCapabilities");
            } else if (p.application().map(a -> !a.capabilities().all().isEmpty()).orElse(false)) {
                report(sink, o.keyRange(), "profile " + p.name() + " sets application capabilities but its Orderer has no "
                        + "Capabilities: the orderer refuses the channel with \"cannot enable application capabilities without "
                        + "orderer support first\"; add Capabilities: *OrdererCapabilities");
            }
        }
    }
}
