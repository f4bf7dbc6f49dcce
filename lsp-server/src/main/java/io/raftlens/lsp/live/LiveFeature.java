package io.raftlens.lsp.live;

import io.raftlens.lsp.service.FabricLanguageService;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The live network inside a language server: registers its code lenses, {@code raft} diagnostics, inlay
 * hints and restart action with the language features, and serves the {@code raftlens.*} commands.
 * {@link #close()} stops every network.
 */
public final class LiveFeature implements AutoCloseable {

    private final LiveNetworks networks;
    private final LiveCommands commands;

    public LiveFeature(LiveEditor editor, FabricLanguageService service) {
        this.networks = new LiveNetworks(editor);
        LogTimelines logTimelines = new LogTimelines();
        this.commands = new LiveCommands(networks, logTimelines);
        FabricLanguageService.Services s = service.services();
        s.diagnostics().register(new LogTimelineDiagnostics(logTimelines));
        s.codeLenses().register(new LiveLenses(networks));
        s.diagnostics().register(new LiveDiagnostics(networks));
        s.inlayHints().register(new LiveInlayHints(networks));
        s.codeActions().register(new RestartAction(networks));
    }

    /** The command ids to announce in {@code executeCommandProvider}. */
    public static List<String> commands() {
        return LiveCommands.ALL;
    }

    public boolean handles(String command) {
        return commands.handles(command);
    }

    public CompletableFuture<Object> execute(String command, List<Object> arguments) {
        return commands.execute(command, arguments);
    }

    public LiveNetworks networks() {
        return networks;
    }

    @Override
    public void close() {
        commands.close();
        networks.close();
    }
}
