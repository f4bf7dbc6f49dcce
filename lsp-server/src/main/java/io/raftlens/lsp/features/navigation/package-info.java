/**
 * Navigation: go to an anchor's definition or a certificate file, and document links for file paths ({@link io.raftlens.lsp.features.navigation.NavigationService}).
 *
 * <p>May depend on: {@code features} (shared SPI and settings), {@code documents}, config-schema. Never on another
 * feature package, the facade, the protocol layer or the live network.
 */
package io.raftlens.lsp.features.navigation;
