/**
 * The LSP protocol layer (lsp4j): {@link io.raftlens.lsp.server.RaftLensLanguageServer} and its text-document and
 * workspace services hand requests to {@code FabricLanguageService}, debounce validation
 * ({@link io.raftlens.lsp.server.ValidationScheduler}, 200 ms) and publish diagnostics; {@link io.raftlens.lsp.server.LspLauncher}
 * serves stdio or a 127.0.0.1 socket.
 *
 * <p>May depend on: {@code service}, {@code live}, {@code features}, {@code documents}, config-schema. Only {@code cli}
 * depends on it.
 */
package io.raftlens.lsp.server;
