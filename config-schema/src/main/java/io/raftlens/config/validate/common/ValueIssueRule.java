package io.raftlens.config.validate.common;

import io.raftlens.config.model.BoundModel;
import io.raftlens.config.validate.AbstractRule;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.ValueIssue;

/** Reports the value problems of one kind that the typed view found while reading the file. */
final class ValueIssueRule extends AbstractRule {

    private final ValueIssue.Kind kind;

    ValueIssueRule(String code, ValueIssue.Kind kind, Severity severity, String title, String description) {
        super(code, severity, title, description);
        this.kind = kind;
    }

    @Override
    public void check(RuleContext context, DiagnosticSink sink) {
        if (context.yaml().hasSyntaxErrors()) {
            return; // a tree cut short by a syntax error gives misleading type errors
        }
        context.model(BoundModel.class).ifPresent(model -> {
            for (ValueIssue issue : model.issues()) {
                boolean notRead = issue.kind() == ValueIssue.Kind.FILE_REFERENCE_NOT_READ;
                if (issue.kind() == kind || (notRead && kind == ValueIssue.Kind.FILE_REFERENCE)) {
                    Severity severity = issue.error() ? Severity.ERROR
                            : kind == ValueIssue.Kind.PLACEHOLDER || notRead ? Severity.INFORMATION : Severity.WARNING;
                    report(sink, severity, issue.range(), issue.message());
                }
            }
        });
    }
}
