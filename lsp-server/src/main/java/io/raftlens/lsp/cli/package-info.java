/**
 * The {@code raftlens} command line (picocli): {@code validate}, {@code launch}, {@code node}, {@code bench},
 * {@code ledger}, {@code lsp} and the commands other issues add. Commands parse options and print; the work is in
 * config-schema (validation), raft-runtime (planning with {@code NetworkPlanner}, the network) and {@code server}
 * (the language server). {@link io.raftlens.lsp.cli.PlanOptions} is the mixin of the launch options.
 *
 * <p>May depend on: everything below it in lsp-server ({@code server}, {@code live} …), raft-runtime and
 * config-schema. The only package that knows picocli ({@code LspServerArchitectureTest}).
 */
package io.raftlens.lsp.cli;
