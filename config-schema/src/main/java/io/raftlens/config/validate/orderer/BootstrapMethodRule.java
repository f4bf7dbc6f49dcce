package io.raftlens.config.validate.orderer;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.model.orderer.General;
import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.yaml.YamlEntry;
import java.util.Optional;

/** ORD004: General.BootstrapMethod (or the old GenesisMethod) must be one the orderer knows; Fabric 3 allows only none. */
final class BootstrapMethodRule extends OrdererRule {

    BootstrapMethodRule() {
        super("ORD004", Severity.ERROR, "Unsupported BootstrapMethod",
                "Fabric 3 has no system channel, so the only bootstrap method is 'none' (channels are joined with "
                        + "osnadmin channel join). 'file' panics at start with \"Bootstrap method: 'file' is forbidden, "
                        + "since system channel is no longer supported\"; any other value panics with \"Unknown bootstrap "
                        + "method: X\" (values are case-sensitive). Fabric 2.5 also accepts 'file'.");
    }

    @Override
    void check(RuleContext context, OrdererYaml model, DiagnosticSink sink) {
        General general = model.general();
        // Fabric copies GenesisMethod into an empty BootstrapMethod
        String key = general.text("BootstrapMethod").isPresent() ? "BootstrapMethod" : "GenesisMethod";
        Optional<YamlEntry> entry = general.text(key).flatMap(t -> general.entry(key));
        if (entry.isEmpty()) {
            return; // unset: Fabric defaults to none
        }
        String method = general.bootstrapMethod();
        if (method.equals("none")) {
            return;
        }
        if (method.equals("file")) {
            if (context.fabricVersion() == FabricVersion.V3) {
                report(sink, valueRange(entry.get()), "General." + entry.get().keyText() + ": file: the Fabric 3 orderer panics at start with "
                        + "\"Bootstrap method: 'file' is forbidden, since system channel is no longer supported\"; "
                        + "use 'none' and join channels with osnadmin channel join");
            }
            return;
        }
        String allowed = context.fabricVersion() == FabricVersion.V3 ? "'none'" : "'none' or 'file'";
        report(sink, valueRange(entry.get()), "General." + entry.get().keyText() + ": the orderer panics at start with \"Unknown bootstrap method: "
                + method + "\"; use " + allowed);
    }
}
