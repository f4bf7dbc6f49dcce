package io.raftlens.config.validate.orderer;

import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.validate.AbstractRule;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.yaml.Position;
import io.raftlens.config.yaml.Range;
import io.raftlens.config.yaml.YamlEntry;

/**
 * Base of the orderer.yaml rules: they run on a well-formed file (a syntax error is reported alone,
 * as the orderer would stop there) and read it through the typed {@link OrdererYaml} view.
 */
abstract class OrdererRule extends AbstractRule {

    OrdererRule(String code, Severity severity, String title, String description) {
        super(code, severity, title, description);
    }

    @Override
    public final void check(RuleContext context, DiagnosticSink sink) {
        if (context.yaml().hasSyntaxErrors() || context.yaml().root().isEmpty()) {
            return;
        }
        OrdererYaml model = context.model(OrdererYaml.class).orElseGet(() -> OrdererYaml.fromSource(context.source()));
        check(context, model, sink);
    }

    abstract void check(RuleContext context, OrdererYaml model, DiagnosticSink sink);

    static Range keyRange(YamlEntry entry) {
        return entry.key().range();
    }

    static Range valueRange(YamlEntry entry) {
        return entry.value().range();
    }

    /** The value's range, or the key's when the value is empty (an empty value has no text to point at). */
    static Range valueOrKey(YamlEntry entry) {
        Range value = entry.value().range();
        return value.start().equals(value.end()) ? entry.key().range() : value;
    }

    static Range startOfFile() {
        return new Range(Position.START, Position.START);
    }
}
