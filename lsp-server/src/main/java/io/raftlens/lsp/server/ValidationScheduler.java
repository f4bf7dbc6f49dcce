package io.raftlens.lsp.server;

import io.raftlens.lsp.documents.TextDocument;
import io.raftlens.lsp.features.FabricLanguageService;
import io.raftlens.lsp.features.LspSettings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates documents off the JSON-RPC reader thread: each change (re)starts a per-document delay, the
 * run is abandoned as soon as the document changes again, and diagnostics are published only for the
 * version they were computed on.
 */
final class ValidationScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ValidationScheduler.class);

    private final FabricLanguageService service;
    private final Supplier<LspSettings> settings;
    private final Consumer<PublishDiagnosticsParams> publisher;
    private final long delayMillis;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "raftlens-validation");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();

    ValidationScheduler(FabricLanguageService service, Supplier<LspSettings> settings,
                        Consumer<PublishDiagnosticsParams> publisher, long delayMillis) {
        this.service = service;
        this.settings = settings;
        this.publisher = publisher;
        this.delayMillis = delayMillis;
    }

    /** Validates after the debounce delay (0 = as soon as possible, e.g. on open). */
    void schedule(TextDocument doc, boolean immediately) {
        if (executor.isShutdown()) {
            return;
        }
        int version = doc.version();
        ScheduledFuture<?> next = executor.schedule(() -> validate(doc, version), immediately ? 0 : delayMillis,
                TimeUnit.MILLISECONDS);
        ScheduledFuture<?> previous = pending.put(doc.uri(), next);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    /** Stops pending work for a closed document and clears its diagnostics. */
    void closed(String uri) {
        ScheduledFuture<?> previous = pending.remove(uri);
        if (previous != null) {
            previous.cancel(false);
        }
        publisher.accept(new PublishDiagnosticsParams(uri, List.of()));
    }

    private void validate(TextDocument doc, int version) {
        if (doc.version() != version) {
            return;
        }
        try {
            List<Diagnostic> diagnostics = service.diagnostics(doc.model(), settings.get(), () -> {
                if (doc.version() != version) {
                    throw new CancellationException("document changed");
                }
            });
            if (doc.version() == version) {
                publisher.accept(new PublishDiagnosticsParams(doc.uri(), diagnostics, version));
            }
        } catch (CancellationException e) {
            // a newer version is scheduled
        } catch (RuntimeException e) {
            LOG.error("validation of {} failed", doc.uri(), e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
