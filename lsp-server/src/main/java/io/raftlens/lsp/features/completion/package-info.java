/**
 * Completion: keys and values from the schema, anchors and aliases, and profile, consenter and Options snippets ({@link io.raftlens.lsp.features.completion.CompletionService} over {@link io.raftlens.lsp.features.completion.CompletionParticipant}s).
 *
 * <p>May depend on: {@code features} (shared SPI and settings), {@code documents}, config-schema. Never on another
 * feature package, the facade, the protocol layer or the live network.
 */
package io.raftlens.lsp.features.completion;
