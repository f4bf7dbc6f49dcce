/**
 * What every LSP feature shares: the isolation of participant failures ({@link io.raftlens.lsp.features.Participants}),
 * the client settings ({@link io.raftlens.lsp.features.LspSettings}), Fabric key paths
 * ({@link io.raftlens.lsp.features.FabricKeys}) and the derived Raft timing
 * ({@link io.raftlens.lsp.features.EtcdRaftTiming}). Each feature is a sub-package with a {@code <Feature>Service} and
 * a {@code <Feature>Participant} SPI, as in lemminx.
 *
 * <p>May depend on: {@code documents}, config-schema. The feature sub-packages depend on it, never the reverse; the
 * facade that composes them is {@code io.raftlens.lsp.service}.
 */
package io.raftlens.lsp.features;
