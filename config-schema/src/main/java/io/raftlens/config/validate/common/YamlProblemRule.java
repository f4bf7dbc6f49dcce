package io.raftlens.config.validate.common;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.validate.AbstractRule;
import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.yaml.YamlProblem;
import java.util.List;

/** Reports the parser's problems of one kind under one code. */
final class YamlProblemRule extends AbstractRule {

    private final YamlProblem.Kind kind;

    YamlProblemRule(String code, YamlProblem.Kind kind, Severity severity, String title, String description) {
        super(code, severity, title, description);
        this.kind = kind;
    }

    @Override
    public void check(RuleContext context, DiagnosticSink sink) {
        for (YamlProblem p : context.yaml().problems()) {
            if (p.kind() != kind) {
                continue;
            }
            List<Diagnostic.Related> related = p.related() == null ? List.of()
                    : List.of(new Diagnostic.Related(null, p.related(), "first defined here"));
            if (kind == YamlProblem.Kind.DUPLICATE_KEY && context.fabricVersion() == FabricVersion.V2_5) {
                // Fabric 2.5 reads YAML with go-yaml v2, which keeps the last value without complaint
                report(sink, Severity.WARNING, p.range(), p.message() + "; Fabric 2.5 silently uses this later value, Fabric 3 "
                        + "rejects the file", related);
            } else {
                report(sink, info().severity(), p.range(), p.message(), related);
            }
        }
    }
}
