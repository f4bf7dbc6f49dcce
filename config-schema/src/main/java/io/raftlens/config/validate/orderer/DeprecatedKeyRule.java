package io.raftlens.config.validate.orderer;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.yaml.YamlScalar;
import java.util.List;

/** ORD003: a deprecated key that still loads but no longer does what it says. */
final class DeprecatedKeyRule extends OrdererRule {

    DeprecatedKeyRule() {
        super("ORD003", Severity.WARNING, "Deprecated orderer.yaml key",
                "General.GenesisMethod and General.GenesisFile are old names of BootstrapMethod and BootstrapFile "
                        + "(Fabric logs 'General.GenesisMethod should be replaced by General.BootstrapMethod'); "
                        + "BootstrapFile is unused in Fabric 3; Fabric 3 forces ChannelParticipation.Enabled: false to true; "
                        + "FileLedger.Prefix is ignored.");
    }

    @Override
    void check(RuleContext context, OrdererYaml model, DiagnosticSink sink) {
        KeyWalker.walk(model.root().orElseThrow(), (path, entry, info) -> {
            if (info.isEmpty() || info.get().deprecation() == null || info.get().removedIn() != null) {
                return true;
            }
            if (!(entry.value() instanceof YamlScalar value) || value.isNull() || value.value().isEmpty()) {
                return true; // an empty deprecated key changes nothing
            }
            List<String> canonical = info.get().path();
            String name = String.join(".", canonical);
            if (name.equals("General.BootstrapFile") && context.fabricVersion() != FabricVersion.V3) {
                return true;
            }
            if (name.equals("ChannelParticipation.Enabled")) {
                if (context.fabricVersion() != FabricVersion.V3 || !value.value().equalsIgnoreCase("false")) {
                    return true;
                }
                report(sink, valueRange(entry), "ChannelParticipation.Enabled is deprecated and always on: the orderer logs "
                        + "'General.ChannelParticipation.Enabled was set to false, setting to true'");
                return true;
            }
            report(sink, keyRange(entry), info.get().deprecation());
            return true;
        });
    }
}
