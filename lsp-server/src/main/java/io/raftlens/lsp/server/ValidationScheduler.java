package io.raftlens.lsp.server;

import io.raftlens.lsp.documents.TextDocument;
import io.raftlens.lsp.features.LspSettings;
import io.raftlens.lsp.service.FabricLanguageService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
 * Validates documents off the JSON-RPC reader thread: each change (re)starts a per-document quiet period
 * (the debounce), the run is abandoned as soon as the document changes again, and diagnostics are
 * published only for the version they were computed on.
 *
 * <p>Diagnostics of a change are published when the quiet period ends, never earlier. So that they are
 * ready then, validation starts before the end by about the time it recently took on that document (at
 * most half the period): a keystroke during the run abandons it, as any keystroke restarts the period.
 */
final class ValidationScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ValidationScheduler.class);

    private final FabricLanguageService service;
    private final Supplier<LspSettings> settings;
    private final Consumer<PublishDiagnosticsParams> publisher;
    private final long delayNanos;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "raftlens-validation");
        t.setDaemon(true);
        return t;
    });
    /** The current run of each document; a run publishes only while it is still the current one. */
    private final Map<String, Run> pending = new ConcurrentHashMap<>();
    /** Recent validation wall time per document (moving average), for starting early enough. */
    private final Map<String, Long> recentNanos = new ConcurrentHashMap<>();

    /** One scheduled validation: of which version, and when its diagnostics may be published. */
    private static final class Run {
        final int version;
        final long publishAt;
        volatile ScheduledFuture<?> task;

        Run(int version, long publishAt) {
            this.version = version;
            this.publishAt = publishAt;
        }
    }

    ValidationScheduler(FabricLanguageService service, Supplier<LspSettings> settings,
                        Consumer<PublishDiagnosticsParams> publisher, long delayMillis) {
        this.service = service;
        this.settings = settings;
        this.publisher = publisher;
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
    }

    /** Validates after the quiet period ({@code immediately}: as soon as possible, e.g. on open). */
    void schedule(TextDocument doc, boolean immediately) {
        if (executor.isShutdown()) {
            return;
        }
        long now = System.nanoTime();
        long quiet = immediately ? 0 : delayNanos;
        Run run = new Run(doc.version(), now + quiet);
        long start = Math.max(0, quiet - lead(doc.uri(), quiet));
        Run previous = pending.put(doc.uri(), run);
        if (previous != null && previous.task != null) {
            previous.task.cancel(false);
        }
        try {
            run.task = executor.schedule(() -> validate(doc, run), start, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile: the server is shutting down
        }
    }

    /** How long before the end of the quiet period to start: the recent duration plus a quarter, at most half the period. */
    private long lead(String uri, long quiet) {
        Long recent = recentNanos.get(uri);
        return recent == null ? 0 : Math.min(recent + recent / 4, quiet / 2);
    }

    /** Stops pending work for a closed document and clears its diagnostics. */
    void closed(String uri) {
        Run previous = pending.remove(uri);
        recentNanos.remove(uri);
        if (previous != null && previous.task != null) {
            previous.task.cancel(false);
        }
        publisher.accept(new PublishDiagnosticsParams(uri, List.of()));
    }

    private void validate(TextDocument doc, Run run) {
        if (!current(doc, run)) {
            return;
        }
        try {
            long t0 = System.nanoTime();
            List<Diagnostic> diagnostics = service.diagnostics(doc.model(), settings.get(), () -> {
                if (!current(doc, run)) {
                    throw new CancellationException("document changed");
                }
            });
            long took = System.nanoTime() - t0;
            recentNanos.merge(doc.uri(), took, (old, now) -> (3 * old + now) / 4);
            long wait = run.publishAt - System.nanoTime();
            if (wait <= 0) {
                publish(doc, run, diagnostics);
            } else {
                run.task = executor.schedule(() -> publish(doc, run, diagnostics), wait, TimeUnit.NANOSECONDS);
            }
        } catch (CancellationException | RejectedExecutionException e) {
            // a newer version is scheduled, or the server is shutting down
        } catch (RuntimeException e) {
            LOG.error("validation of {} failed", doc.uri(), e);
        }
    }

    private void publish(TextDocument doc, Run run, List<Diagnostic> diagnostics) {
        if (current(doc, run)) {
            publisher.accept(new PublishDiagnosticsParams(doc.uri(), diagnostics, run.version));
        }
    }

    private boolean current(TextDocument doc, Run run) {
        return pending.get(doc.uri()) == run && doc.version() == run.version;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
