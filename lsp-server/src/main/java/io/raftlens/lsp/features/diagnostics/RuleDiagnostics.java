package io.raftlens.lsp.features.diagnostics;

import io.raftlens.config.validate.ValidationResult;
import io.raftlens.config.validator.ConfigValidator;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.LspSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** Every rule of the config validator, minus the ones the user switched off. */
final class RuleDiagnostics implements DiagnosticsParticipant {

    static final String SOURCE = "raftlens";

    @Override
    public void collect(DocumentModel model, LspSettings settings, List<Diagnostic> out, CancelChecker cancel) {
        ConfigValidator validator = new ConfigValidator(settings.validation());
        Path file = model.path() != null ? model.path() : Path.of(model.kind().orElseThrow().label() + ".yaml");
        ValidationResult result = validator.validate(file, model.text(), model.kind().orElseThrow());
        cancel.checkCanceled();
        for (io.raftlens.config.validate.Diagnostic d : result.diagnostics()) {
            if (settings.enabled(d.code())) {
                out.add(toLsp(d, model.uri()));
            }
        }
    }

    static Diagnostic toLsp(io.raftlens.config.validate.Diagnostic d, String uri) {
        Diagnostic lsp = new Diagnostic(DocumentModel.lsp(d.range()), d.message(),
                DiagnosticSeverity.forValue(d.severity().lspValue()), SOURCE, d.code());
        if (!d.related().isEmpty()) {
            List<DiagnosticRelatedInformation> related = new ArrayList<>();
            for (io.raftlens.config.validate.Diagnostic.Related r : d.related()) {
                String target = r.file() == null ? uri : r.file().toUri().toString();
                related.add(new DiagnosticRelatedInformation(new Location(target, DocumentModel.lsp(r.range())), r.message()));
            }
            lsp.setRelatedInformation(related);
        }
        return lsp;
    }
}
