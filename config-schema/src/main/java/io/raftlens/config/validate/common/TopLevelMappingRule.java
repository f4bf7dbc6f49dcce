package io.raftlens.config.validate.common;

import io.raftlens.config.validate.AbstractRule;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.yaml.Position;
import io.raftlens.config.yaml.Range;
import io.raftlens.config.yaml.YamlDocument;
import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlNode;
import java.util.Optional;

/** The file must hold a mapping of top-level keys, as Fabric decodes it into a struct. */
final class TopLevelMappingRule extends AbstractRule {

    TopLevelMappingRule() {
        super("YAML007", Severity.ERROR, "File must be a mapping of top-level keys",
                "An empty file or one whose top level is a list or a plain value cannot be decoded into Fabric's "
                        + "configuration struct (configtxgen: 'Error unmarshalling config into struct').");
    }

    @Override
    public void check(RuleContext context, DiagnosticSink sink) {
        if (context.yaml().hasSyntaxErrors()) {
            return;
        }
        String kind = context.source().kind().label() + ".yaml";
        Optional<YamlNode> root = context.yaml().first().flatMap(YamlDocument::root);
        if (root.isEmpty()) {
            report(sink, new Range(Position.START, Position.START), "the file is empty: a " + kind
                    + " is a mapping of top-level keys (" + (kind.startsWith("configtx")
                    ? "Organizations, Capabilities, Orderer, Profiles …" : "General, FileLedger, Consensus …") + ")");
        } else if (!(root.get() instanceof YamlMapping)) {
            report(sink, root.get().range(), "the top level of a " + kind + " must be a mapping of keys, not "
                    + root.get().describe());
        }
    }
}
