package io.raftlens.lsp.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.UnregistrationParams;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.services.LanguageClient;

/** A minimal editor for the benchmark: records diagnostics, answers the requests servers send. */
final class BenchClient implements LanguageClient {

    /** Arrival time (System.nanoTime) and content of each publishDiagnostics. */
    record Published(long nanos, PublishDiagnosticsParams params) {}

    final BlockingQueue<Published> diagnostics = new LinkedBlockingQueue<>();
    private final Object yamlSettings;

    BenchClient(Object yamlSettings) {
        this.yamlSettings = yamlSettings;
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams p) {
        diagnostics.add(new Published(System.nanoTime(), p));
    }

    @Override
    public CompletableFuture<List<Object>> configuration(ConfigurationParams params) {
        List<Object> out = new ArrayList<>();
        params.getItems().forEach(i -> out.add("yaml".equals(i.getSection()) ? yamlSettings : null));
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public CompletableFuture<Void> registerCapability(RegistrationParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> unregisterCapability(UnregistrationParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void telemetryEvent(Object object) {
    }

    @Override
    public void showMessage(MessageParams messageParams) {
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {
    }
}
