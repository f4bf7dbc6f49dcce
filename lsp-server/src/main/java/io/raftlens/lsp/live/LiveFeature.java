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
    private final LogTimelines logTimelines;

    public LiveFeature(LiveEditor editor, FabricLanguageService service) {
        this.networks = new LiveNetworks(editor);
        this.commands = new LiveCommands(networks);
        FabricLanguageService.Services s = service.services();
        s.codeLenses().register(new LiveLenses(networks));
        s.diagnostics().register(new LiveDiagnostics(networks));
        s.diagnostics().register(new AttachDiagnostics(networks));
        s.inlayHints().register(new LiveInlayHints(networks));
        s.codeActions().register(new RestartAction(networks));
        this.logTimelines = new LogTimelines(networks);
        s.diagnostics().register(new LogTimelineDiagnostics(logTimelines));
    }

    /** The command ids to announce in {@code executeCommandProvider}. */
    public static List<String> commands() {
        return java.util.stream.Stream.concat(LiveCommands.ALL.stream(), java.util.stream.Stream.of(LogTimelines.COMMAND)).toList();
    }

    public boolean handles(String command) {
        return commands.handles(command) || LogTimelines.COMMAND.equals(command);
    }

    public CompletableFuture<Object> execute(String command, List<Object> arguments) {
        return LogTimelines.COMMAND.equals(command) ? logTimelines.execute(arguments) : commands.execute(command, arguments);
    }

    public LiveNetworks networks() {
        return networks;
    }

    @Override
    public void close() {
        commands.close();
        logTimelines.close();
        networks.close();
    }
}
