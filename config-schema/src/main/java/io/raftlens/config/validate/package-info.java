/**
 * The rule framework: {@link io.raftlens.config.validate.Rule} (and {@link io.raftlens.config.validate.AbstractRule}),
 * what a rule sees ({@link io.raftlens.config.validate.RuleContext}), what it reports
 * ({@link io.raftlens.config.validate.Diagnostic} through a {@link io.raftlens.config.validate.DiagnosticSink}) and
 * the result of a run ({@link io.raftlens.config.validate.ValidationResult}). The rules themselves live in the
 * sub-packages {@code common}, {@code configtx} and {@code orderer}; the facade that runs them is
 * {@code io.raftlens.config.validator.ConfigValidator}.
 *
 * <p>May depend on: {@code fabric}, {@code yaml}. Never on its rule sub-packages or on {@code validator}
 * (they depend on it).
 */
package io.raftlens.config.validate;
