package io.raftlens.config.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.ValidationResult;
import io.raftlens.config.yaml.Position;
import io.raftlens.config.yaml.Range;
import java.io.IOException;
import java.util.List;

/**
 * The machine-readable report of DESIGN.md, one JSON document on one line:
 * {@code {"files":[{"path","kind","diagnostics":[{"severity","code","message","range"}]}],"summary":{"errors","warnings"}}}
 * with 0-based LSP positions (character = UTF-16 code units).
 */
public final class JsonReport implements ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void write(List<ValidationResult> results, Appendable out) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode files = root.putArray("files");
        for (ValidationResult result : ReportOrder.files(results)) {
            ObjectNode file = files.addObject();
            file.put("path", ReportOrder.displayPath(result.file()));
            file.put("kind", result.kind() == null ? null : result.kind().label());
            if (result.fabricVersion() != null) {
                file.put("fabricVersion", result.fabricVersion().label());
                file.put("fabricVersionBasis", result.versionBasis());
                file.put("filesChecked", result.filesChecked());
            }
            ArrayNode diagnostics = file.putArray("diagnostics");
            for (Diagnostic d : ReportOrder.diagnostics(result)) {
                ObjectNode diagnostic = diagnostics.addObject();
                diagnostic.put("severity", d.severity().label());
                diagnostic.put("code", d.code());
                diagnostic.put("message", d.message());
                range(diagnostic.putObject("range"), d.range());
            }
        }
        Summary summary = Summary.of(results);
        ObjectNode s = root.putObject("summary");
        s.put("errors", summary.errors());
        s.put("warnings", summary.warnings());
        if (!summary.versions().isEmpty()) {
            // how many files got each release's rules; each file says why in fabricVersionBasis
            ObjectNode versions = s.putObject("fabricVersions");
            summary.versions().forEach((label, reasons) -> versions.put(label,
                    reasons.values().stream().mapToInt(Integer::intValue).sum()));
        }
        if (summary.filesSkipped() > 0) {
            s.put("fileChecksSkipped", summary.filesSkipped());
        }
        out.append(JSON.writeValueAsString(root)).append('\n');
    }

    private static void range(ObjectNode node, Range range) {
        position(node.putObject("start"), range.start());
        position(node.putObject("end"), range.end());
    }

    private static void position(ObjectNode node, Position p) {
        node.put("line", p.line());
        node.put("character", p.column());
    }
}
