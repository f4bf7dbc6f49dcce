/**
 * Code actions (quick fixes): {@link io.raftlens.lsp.features.actions.CodeActionService} asks each {@link io.raftlens.lsp.features.actions.CodeActionParticipant} for fixes of the diagnostics in range (a missing time unit, a mistyped key, ElectionTick …).
 *
 * <p>May depend on: {@code features} (shared SPI and settings), {@code documents}, config-schema. Never on another
 * feature package, the facade, the protocol layer or the live network.
 */
package io.raftlens.lsp.features.actions;
