package io.raftlens.lsp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.config.fabric.FileKind;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.LspSettings;
import io.raftlens.lsp.service.FabricLanguageService;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WarmUpSessionTest {

    @Test
    @Timeout(60)
    void theScriptedSessionGetsEveryAnswerAndShutsDown() throws Exception {
        WarmUpSession.run(); // throws, naming the step, when an answer or the diagnostics do not come
    }

    @Test
    void itsDocumentsAreInScopeAndExerciseTheRules() {
        FabricLanguageService service = new FabricLanguageService();
        DocumentModel configtx = DocumentModel.build("file:///raftlens-warm-up/configtx.yaml", 1, WarmUpSession.CONFIGTX);
        DocumentModel orderer = DocumentModel.build("file:///raftlens-warm-up/orderer.yaml", 1, WarmUpSession.ORDERER);
        assertEquals(Optional.of(FileKind.CONFIGTX), configtx.kind());
        assertEquals(Optional.of(FileKind.ORDERER), orderer.kind());
        assertTrue(configtx.yaml().problems().isEmpty(), configtx.yaml().problems().toString());
        // the missing certificates (warnings) and BatchTimeout without a unit give the rules and quick fixes work
        var diagnostics = service.diagnostics(configtx, LspSettings.defaults(), () -> { });
        assertTrue(diagnostics.size() >= 2, diagnostics.toString());
        assertTrue(!service.codeActions(configtx, diagnostics, () -> { }).isEmpty());
    }
}
