/**
 * Open documents and how the features read them: the text and its versions
 * ({@link io.raftlens.lsp.documents.OpenDocuments}, {@link io.raftlens.lsp.documents.TextDocument}), a tolerant parse
 * of a half-typed YAML ({@link io.raftlens.lsp.documents.TolerantParser}), the lazily built
 * {@link io.raftlens.lsp.documents.DocumentModel} (kind, YAML, diagnostics) and what is under the cursor
 * ({@link io.raftlens.lsp.documents.CursorContext}, {@link io.raftlens.lsp.documents.NodeLocator}).
 *
 * <p>May depend on: config-schema. Never on the features, the protocol layer or the live network.
 */
package io.raftlens.lsp.documents;
