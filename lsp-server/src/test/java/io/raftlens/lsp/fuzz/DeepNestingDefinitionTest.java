package io.raftlens.lsp.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.FabricLanguageService;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.Test;

/**
 * The slowest answers of the fuzz runs were go-to-definition on deeply nested documents. This replays the
 * deep-nesting cases of the first 2,000 (seed 20261126) and times definition at the fuzz run's positions on a
 * fresh model each (what the editor waits for after an edit), after a JIT warm-up on the corpus.
 */
class DeepNestingDefinitionTest {

    @Test
    void definitionOnDeeplyNestedDocumentsAnswersWithinOneSecond() {
        FabricLanguageService service = new FabricLanguageService();
        int w = 0;
        for (String text : FuzzDocuments.loadCorpus()) {
            DocumentModel m = DocumentModel.build("file:///tmp/raftlens-fuzz/configtx.yaml", w++, text);
            for (int line = 0; line < 200; line += 7) {
                service.definition(m, new Position(line, 4), () -> { });
            }
        }
        FuzzDocuments gen = new FuzzDocuments(20261126L);
        long slowest = 0;
        String where = "";
        for (long n = 0; n < 2_000; n++) {
            FuzzDocuments.Case c = gen.next(n, 5_000);
            if (!c.family().equals("deep-nesting")) {
                continue;
            }
            DocumentModel model = DocumentModel.build("file:///tmp/raftlens-fuzz/configtx.yaml", (int) n, c.text());
            // as in the fuzz run: the editor asked for diagnostics, completion and hover on this version first
            var settings = io.raftlens.lsp.features.LspSettings.defaults();
            service.diagnostics(model, settings, () -> { });
            service.completion(model, new Position(1, 1), settings, () -> { });
            service.hover(model, new Position(1, 1), settings, () -> { });
            int lines = (int) model.text().chars().filter(ch -> ch == '\n').count() + 1;
            for (Position at : new Position[]{new Position(0, 0), new Position(lines + 3, 7),
                    new Position((int) (n % lines), (int) (n % 40)), new Position(lines / 2, 2)}) {
                long t0 = System.nanoTime();
                service.definition(model, at, () -> { });
                long took = System.nanoTime() - t0;
                if (took > slowest) {
                    slowest = took;
                    where = "case " + n + " (" + c.text().length() + " chars, " + lines + " lines, starts "
                            + c.text().substring(21, Math.min(c.text().length(), 40)).replace("\n", "\\n") + ") at " + at;
                }
            }
        }
        System.out.printf("definition on deep nesting: slowest %.1f ms, %s%n", slowest / 1e6, where);
        assertTrue(slowest < 1_000_000_000L, "definition took " + slowest / 1_000_000 + " ms on " + where);
    }
}
