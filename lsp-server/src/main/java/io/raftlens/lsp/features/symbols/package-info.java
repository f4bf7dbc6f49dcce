/**
 * Document symbols: the outline of organizations, profiles and sections ({@link io.raftlens.lsp.features.symbols.SymbolService}).
 *
 * <p>May depend on: {@code features} (shared SPI and settings), {@code documents}, config-schema. Never on another
 * feature package, the facade, the protocol layer or the live network.
 */
package io.raftlens.lsp.features.symbols;
