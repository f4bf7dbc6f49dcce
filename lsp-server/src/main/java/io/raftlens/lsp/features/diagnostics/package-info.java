/**
 * Diagnostics: {@link io.raftlens.lsp.features.diagnostics.DiagnosticsService} turns the validator's findings (and participants' own) into LSP diagnostics for a document.
 *
 * <p>May depend on: {@code features} (shared SPI and settings), {@code documents}, config-schema. Never on another
 * feature package, the facade, the protocol layer or the live network.
 */
package io.raftlens.lsp.features.diagnostics;
