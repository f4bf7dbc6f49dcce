package io.raftlens.lsp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.lsp.documents.TextDocument;
import io.raftlens.lsp.features.LspSettings;
import io.raftlens.lsp.service.FabricLanguageService;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;

class ValidationSchedulerTest {

    private static final long DELAY_MS = 150;
    private static final String URI = "file:///w/configtx.yaml";

    private record Published(long nanos, PublishDiagnosticsParams params) {}

    private final BlockingQueue<Published> published = new LinkedBlockingQueue<>();
    private final ValidationScheduler scheduler = new ValidationScheduler(new FabricLanguageService(), LspSettings::defaults,
            p -> published.add(new Published(System.nanoTime(), p)), DELAY_MS);

    private Published next() throws InterruptedException {
        Published p = published.poll(30, TimeUnit.SECONDS);
        assertNotNull(p, "no diagnostics published within 30 s");
        return p;
    }

    private static void retype(TextDocument doc, String digit) {
        doc.apply(doc.version() + 1, List.of(new TextDocumentContentChangeEvent(
                new Range(new Position(2, 16), new Position(2, 17)), digit)));
    }

    @Test
    void aChangesDiagnosticsComeWhenTheQuietPeriodEndsForTheLastVersionOnly() throws Exception {
        TextDocument doc = new TextDocument(URI, "Orderer:\n  OrdererType: etcdraft\n  BatchTimeout: 2s\n", 1);
        scheduler.schedule(doc, true);
        assertEquals(1, next().params().getVersion());
        for (int round = 0; round < 5; round++) {
            // a burst of keystrokes; validation of the earlier ones (started early) is abandoned
            long lastChange = 0;
            for (int k = 0; k < 3; k++) {
                retype(doc, String.valueOf(3 + k));
                lastChange = System.nanoTime();
                scheduler.schedule(doc, false);
            }
            Published p = next();
            assertEquals(doc.version(), p.params().getVersion());
            assertTrue(p.nanos() - lastChange >= TimeUnit.MILLISECONDS.toNanos(DELAY_MS),
                    "published " + (p.nanos() - lastChange) / 1_000_000 + " ms after the last change, before the quiet period ended");
        }
        assertNull(published.poll(DELAY_MS * 2, TimeUnit.MILLISECONDS), "an abandoned version was published");
        scheduler.close();
    }

    @Test
    void closingADocumentDuringItsQuietPeriodPublishesOnlyTheClearing() throws Exception {
        TextDocument doc = new TextDocument(URI, "Orderer:\n  OrdererType: etcdraft\n  BatchTimeout: 2s\n", 1);
        scheduler.schedule(doc, true);
        next();
        retype(doc, "5");
        scheduler.schedule(doc, false);
        scheduler.closed(URI);
        Published clearing = next();
        assertTrue(clearing.params().getDiagnostics().isEmpty());
        assertNull(clearing.params().getVersion());
        assertNull(published.poll(DELAY_MS * 2, TimeUnit.MILLISECONDS), "diagnostics published after the document was closed");
        scheduler.close();
    }
}
