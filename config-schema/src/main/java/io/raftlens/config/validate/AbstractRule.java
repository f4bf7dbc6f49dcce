package io.raftlens.config.validate;

import io.raftlens.config.yaml.Range;
import java.util.List;

/** Base for rules: holds the {@link RuleInfo} and builds diagnostics with the rule's code. */
public abstract class AbstractRule implements Rule {

    private final RuleInfo info;

    protected AbstractRule(String code, Severity severity, String title, String description) {
        this.info = new RuleInfo(code, severity, title, description);
    }

    @Override
    public final RuleInfo info() {
        return info;
    }

    /** Reports at the rule's default severity. */
    protected final void report(DiagnosticSink sink, Range range, String message) {
        sink.report(new Diagnostic(info.code(), info.severity(), message, range));
    }

    protected final void report(DiagnosticSink sink, Severity severity, Range range, String message) {
        sink.report(new Diagnostic(info.code(), severity, message, range));
    }

    protected final void report(DiagnosticSink sink, Severity severity, Range range, String message,
                                List<Diagnostic.Related> related) {
        sink.report(new Diagnostic(info.code(), severity, message, range, related));
    }
}
