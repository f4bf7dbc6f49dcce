/**
 * The editor's live network, plugged in like a lemminx extension ({@link io.raftlens.lsp.live.LiveFeature}): launch
 * the network of the open configtx.yaml ({@link io.raftlens.lsp.live.LivePlanner} over raft-runtime's
 * {@code NetworkPlanner}), run its commands ({@link io.raftlens.lsp.live.LiveCommands}), and show its
 * {@code NetworkSnapshot} as lenses, inlay hints, diagnostics and the {@code raftlens/networkStatus} notification; the
 * election story comes from the typed event stream ({@link io.raftlens.lsp.live.ElectionJournal}). The election
 * timeline of real orderer logs ({@code raftlens.timelineFromLogs}, {@link io.raftlens.lsp.live.LogTimelines}) reads
 * them with raft-runtime's {@code logs} package — or the launches' own Raft log, captured by
 * {@link io.raftlens.lsp.live.LaunchLog} — and puts its findings on the consenter lines
 * ({@link io.raftlens.lsp.live.LogTimelineDiagnostics}). Running orderers RaftLens did not launch are followed from a
 * document through their operations endpoints ({@code raftlens.attachNetwork}, {@link io.raftlens.lsp.live.LiveAttach},
 * {@link io.raftlens.lsp.live.AttachedNetwork}, over raft-runtime's {@code attach}): the same lenses, hints and
 * notification without controls, and {@link io.raftlens.lsp.live.AttachDiagnostics}.
 *
 * <p>May depend on: {@code service}, the feature packages it contributes participants to, {@code documents},
 * raft-runtime ({@code network}, {@code node}, {@code logs}, {@code attach}), config-schema, logback (the launch-log capture). Not on {@code server} or {@code cli}.
 */
package io.raftlens.lsp.live;
