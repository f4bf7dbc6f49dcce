/**
 * The validator facade: what the CLI, the language server and the network launcher call.
 * {@link io.raftlens.config.validator.ConfigValidator} reads a file, tells its kind, runs every rule of
 * {@link io.raftlens.config.validator.RuleCatalog} (the one place that wires rules and models per file kind)
 * and isolates a failing rule; {@link io.raftlens.config.validator.LoadedConfigtx} reads a configtx.yaml for
 * use (model plus diagnostics).
 *
 * <p>The top of config-schema: may depend on every other package of the module ({@code validate} and its rule
 * packages, {@code model}, {@code fabric}, {@code yaml}); nothing in config-schema depends on it.
 */
package io.raftlens.config.validator;
