package io.raftlens.config.validate;


/**
 * One check of a Fabric configuration file. A rule is stateless; it reads the {@link RuleContext}
 * and reports what it finds to the sink. A rule that throws is isolated by the validator facade
 * ({@code io.raftlens.config.validator.ConfigValidator}).
 */
public interface Rule {

    /** What the rule is: code, default severity, title, description. */
    RuleInfo info();

    /** The stable code, e.g. {@code RAFT001}. */
    default String code() {
        return info().code();
    }

    void check(RuleContext context, DiagnosticSink sink);
}
