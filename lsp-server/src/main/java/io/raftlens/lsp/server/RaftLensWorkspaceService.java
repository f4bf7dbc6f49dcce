package io.raftlens.lsp.server;

import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Settings changes; watched files are not used. */
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
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        // certificate files changing is picked up on the next validation
    }
}
