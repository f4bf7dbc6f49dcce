/**
 * Hover: Fabric's documentation of a key, where an inherited value comes from, and the derived Raft timing ({@link io.raftlens.lsp.features.hover.HoverService} over {@link io.raftlens.lsp.features.hover.HoverParticipant}s).
 *
 * <p>May depend on: {@code features} (shared SPI and settings), {@code documents}, config-schema. Never on another
 * feature package, the facade, the protocol layer or the live network.
 */
package io.raftlens.lsp.features.hover;
