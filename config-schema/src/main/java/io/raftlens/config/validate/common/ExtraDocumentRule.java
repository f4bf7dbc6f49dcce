package io.raftlens.config.validate.common;

import io.raftlens.config.validate.AbstractRule;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.yaml.YamlDocument;
import java.util.List;

/** Fabric (viper + go-yaml Unmarshal) reads only the first document of a file. */
final class ExtraDocumentRule extends AbstractRule {

    ExtraDocumentRule() {
        super("YAML006", Severity.WARNING, "Only the first YAML document is read",
                "Fabric decodes only the first document of a multi-document file; everything after the first '---' is ignored.");
    }

    @Override
    public void check(RuleContext context, DiagnosticSink sink) {
        List<YamlDocument> docs = context.yaml().documents();
        for (int i = 1; i < docs.size(); i++) {
            YamlDocument doc = docs.get(i);
            if (doc.root().isPresent()) {
                report(sink, doc.root().get().range(), "document " + (i + 1) + " is ignored: Fabric reads only the "
                        + "first YAML document of the file; move this content into the first document");
            }
        }
    }
}
