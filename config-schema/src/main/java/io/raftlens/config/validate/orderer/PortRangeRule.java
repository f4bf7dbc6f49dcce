package io.raftlens.config.validate.orderer;

import io.raftlens.config.model.orderer.HostPort;
import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.model.orderer.Section;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.Placeholders;
import io.raftlens.config.yaml.YamlEntry;
import java.util.List;
import java.util.Optional;

/** ORD008: listen ports must be ports, and listen addresses must be host:port. */
final class PortRangeRule extends OrdererRule {

    PortRangeRule() {
        super("ORD008", Severity.ERROR, "Port out of range or address without port",
                "General.ListenPort and General.Cluster.ListenPort are uint16: a value above 65535 or below 0 is "
                        + "silently truncated by Fabric's decoder, so the orderer listens on an unexpected port. "
                        + "Operations.ListenAddress, Admin.ListenAddress and General.Profile.Address must be host:port; "
                        + "otherwise the server fails at start (\"listen tcp: address X: missing port in address\").");
    }

    @Override
    void check(RuleContext context, OrdererYaml model, DiagnosticSink sink) {
        for (Section section : List.of(model.general(), model.general().cluster())) {
            section.entry("ListenPort").ifPresent(entry -> {
                var port = section.integer("ListenPort");
                if (port.isPresent() && (port.getAsLong() < 0 || port.getAsLong() > 65535)) {
                    long truncated = port.getAsLong() & 0xFFFF;
                    report(sink, valueRange(entry), section.path() + ".ListenPort " + port.getAsLong()
                            + " is not a port (0-65535): Fabric silently truncates it to " + truncated);
                }
            });
        }
        address(sink, model.operations(), "ListenAddress");
        address(sink, model.admin(), "ListenAddress");
        address(sink, Listener.profile(model.general()), "Address");
    }

    private void address(DiagnosticSink sink, Section section, String key) {
        Optional<String> text = section.text(key);
        Optional<YamlEntry> entry = section.entry(key);
        if (text.isEmpty() || entry.isEmpty() || Placeholders.contains(text.get()) || HostPort.parse(text.get()).isPresent()) {
            return;
        }
        String value = text.get().trim();
        int colon = value.lastIndexOf(':');
        String problem = colon < 0 ? "missing port in address" : "invalid port";
        report(sink, valueRange(entry.get()), section.path() + "." + key + " '" + value + "' is not host:port with a port "
                + "0-65535: the server fails at start (\"listen tcp: address " + value + ": " + problem + "\")");
    }
}
