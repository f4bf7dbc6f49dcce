/**
 * Code lenses: {@link io.raftlens.lsp.features.lens.CodeLensService} collects lenses from participants (the live network registers its Launch / Stop / node lenses here).
 *
 * <p>May depend on: {@code features} (shared SPI and settings), {@code documents}, config-schema. Never on another
 * feature package, the facade, the protocol layer or the live network.
 */
package io.raftlens.lsp.features.lens;
