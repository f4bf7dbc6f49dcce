/**
 * Inlay hints: byte sizes, consenter ids and derived election and heartbeat timeouts ({@link io.raftlens.lsp.features.inlay.InlayHintService}).
 *
 * <p>May depend on: {@code features} (shared SPI and settings), {@code documents}, config-schema. Never on another
 * feature package, the facade, the protocol layer or the live network.
 */
package io.raftlens.lsp.features.inlay;
