/**
 * How RaftLens prints logs: Fabric's flogging layout as logback converters ({@link io.raftlens.lsp.logging.FabricLogLayout}),
 * wired in {@code logback.xml}.
 *
 * <p>May depend on: logback, raft-runtime's {@code core} (the MDC key the Raft logger sets). Nothing in lsp-server
 * depends on it; logback loads it by name.
 */
package io.raftlens.lsp.logging;
