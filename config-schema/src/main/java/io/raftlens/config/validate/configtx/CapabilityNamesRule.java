package io.raftlens.config.validate.configtx;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.model.configtx.Capabilities;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** CTX010: capability names the Fabric release does not support. */
final class CapabilityNamesRule extends ConfigtxRule {

    private static final Set<String> APPLICATION = Set.of("V1_1", "V1_2", "V1_3", "V1_4_2", "V2_0", "V2_5",
            "V1_1_PVTDATA_EXPERIMENTAL", "V1_1_RESOURCETREE_EXPERIMENTAL");
    private static final Map<FabricVersion, Map<String, Set<String>>> SUPPORTED = Map.of(
            FabricVersion.V3, Map.of(
                    "Channel", Set.of("V1_1", "V1_3", "V1_4_2", "V1_4_3", "V2_0", "V3_0"),
                    "Orderer", Set.of("V1_1", "V1_4_2", "V2_0"),
                    "Application", APPLICATION),
            FabricVersion.V2_5, Map.of(
                    "Channel", Set.of("V1_1", "V1_3", "V1_4_2", "V1_4_3", "V2_0"),
                    "Orderer", Set.of("V1_1", "V1_4_2", "V2_0"),
                    "Application", APPLICATION));

    CapabilityNamesRule() {
        super("CTX010", Severity.ERROR, "Unsupported capability",
                "A capability enabled (true) that the Fabric release does not know. configtxgen writes it, but the orderer "
                        + "refuses the channel with \"%s capability %s is required but not supported\" (Channel V3_0 needs Fabric 3; "
                        + "there is no Orderer V3_0).");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        Map<String, Set<String>> supported = SUPPORTED.get(context.fabricVersion());
        if (context.profile().isEmpty()) {
            for (Configtx.NamedCapabilities group : configtx.capabilities()) {
                if (supported.containsKey(group.group())) {
                    check(group.group(), group.capabilities(), supported, context, sink);
                }
            }
        }
        for (Profile p : profiles(configtx, context)) {
            check("Channel", p.capabilities(), supported, context, sink);
            p.orderer().ifPresent(o -> check("Orderer", o.capabilities(), supported, context, sink));
            p.application().ifPresent(a -> check("Application", a.capabilities(), supported, context, sink));
        }
    }

    private void check(String group, Capabilities caps, Map<String, Set<String>> supported, RuleContext context, DiagnosticSink sink) {
        for (Capabilities.Capability c : caps.enabledOnes()) {
            if (supported.get(group).contains(c.name())) {
                continue;
            }
            String hint = "";
            if (group.equals("Orderer") && c.name().equals("V3_0")) {
                hint = "; there is no Orderer V3_0: Fabric 3 uses Channel V3_0 with Orderer V2_0";
            } else if (group.equals("Channel") && c.name().equals("V3_0")) {
                hint = "; Channel V3_0 needs Fabric 3";
            } else {
                List<String> known = supported.get(group).stream().sorted().toList();
                hint = "; Fabric " + context.fabricVersion().label() + " supports " + group + " " + String.join(", ", known);
            }
            report(sink, c.keyRange(), group + " capability " + c.name() + " is not supported by Fabric " + context.fabricVersion().label()
                    + ": the orderer refuses the channel with \"" + group + " capability " + c.name()
                    + " is required but not supported\"" + hint);
        }
    }
}
