package io.raftlens.lsp.server;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.services.LanguageClient;

/** A client that records what the server pushes. */
final class RecordingClient implements LanguageClient {

    final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();

    /** The next published diagnostics for {@code uri} with this version (earlier versions are skipped). */
    PublishDiagnosticsParams awaitDiagnostics(String uri, int version) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            PublishDiagnosticsParams p = diagnostics.poll(100, TimeUnit.MILLISECONDS);
            if (p != null && p.getUri().equals(uri) && (p.getVersion() == null ? version < 0 : p.getVersion() == version)) {
                return p;
            }
        }
        throw new AssertionError("no diagnostics for " + uri + " version " + version + " within 20 s");
    }

    @Override
    public void telemetryEvent(Object object) {
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
        this.diagnostics.add(diagnostics);
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
