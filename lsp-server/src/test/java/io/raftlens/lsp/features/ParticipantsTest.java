package io.raftlens.lsp.features;

import io.raftlens.lsp.features.hover.HoverParticipant;
import io.raftlens.lsp.service.FabricLanguageService;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.eclipse.lsp4j.CompletionItem;
import org.junit.jupiter.api.Test;

import static io.raftlens.lsp.features.FabricAssert.NEVER;
import static io.raftlens.lsp.features.FabricAssert.doc;
import static io.raftlens.lsp.features.FabricAssert.lines;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParticipantsTest {

    @Test
    void aFailingParticipantIsSkippedAndTheOthersStillAnswer() {
        FabricLanguageService service = new FabricLanguageService();
        HoverParticipant broken = (request, sections) -> {
            throw new IllegalStateException("boom");
        };
        service.services().hover().register(broken);
        service.services().hover().register((request, sections) -> sections.add("after the broken one"));
        service.services().completion().register((request, out) -> {
            throw new StackOverflowError();
        });
        FabricAssert.Doc doc = doc(lines("Orderer:", "  Batch|Timeout: 2s"));
        String hover = service.hover(doc.model(), doc.cursor(), LspSettings.defaults(), NEVER).orElseThrow()
                .getContents().getRight().getValue();
        assertTrue(hover.startsWith("**BatchTimeout**"), hover);
        assertTrue(hover.endsWith("after the broken one"), hover);
        FabricAssert.Doc keys = doc(lines("Orderer:", "  |"));
        List<CompletionItem> items = service.completion(keys.model(), keys.cursor(), LspSettings.defaults(), NEVER).getItems();
        assertTrue(items.stream().anyMatch(i -> i.getLabel().equals("BatchTimeout")));
    }

    @Test
    void cancellationStopsTheFanOut() {
        FabricAssert.Doc doc = doc(lines("Orderer:", "  Batch|Timeout: 2s"));
        FabricLanguageService service = new FabricLanguageService();
        assertThrows(CancellationException.class, () -> service.hover(doc.model(), doc.cursor(), LspSettings.defaults(), () -> {
            throw new CancellationException("newer version");
        }));
    }
}
