package io.raftlens.config.validate.common;

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
            report(sink, info().severity(), p.range(), p.message(), related);
        }
    }
}
