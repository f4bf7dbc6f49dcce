package io.raftlens.lsp.server;

import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Settings changes and the live network's commands; watched files are not used. */
final class RaftLensWorkspaceService implements WorkspaceService {

    private final RaftLensLanguageServer server;

    RaftLensWorkspaceService(RaftLensLanguageServer server) {
        this.server = server;
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        server.updateSettings(params.getSettings());
    }

    @Override
    public java.util.concurrent.CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        return server.executeCommand(params);
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        // certificate files changing is picked up on the next validation
    }
}
