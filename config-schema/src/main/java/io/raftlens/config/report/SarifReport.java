package io.raftlens.config.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.RuleInfo;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.validate.ValidationResult;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for GitHub code scanning: one run, one rule per code (every rule the validator has, plus
 * any code that appears only in results), one result per diagnostic with a physical location and region.
 * Relative paths stay relative (GitHub resolves them against the repository root).
 */
public final class SarifReport implements ReportWriter {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<RuleInfo> rules;
    private final String toolVersion;

    public SarifReport(List<RuleInfo> rules, String toolVersion) {
        this.rules = List.copyOf(rules);
        this.toolVersion = toolVersion;
    }

    @Override
    public void write(List<ValidationResult> results, Appendable out) throws IOException {
        Map<String, RuleInfo> table = ruleTable(results);
        List<String> ids = new ArrayList<>(table.keySet());

        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "RaftLens");
        driver.put("version", toolVersion);
        driver.put("semanticVersion", toolVersion);
        ArrayNode ruleArray = driver.putArray("rules");
        for (RuleInfo rule : table.values()) {
            ObjectNode r = ruleArray.addObject();
            r.put("id", rule.code());
            r.putObject("shortDescription").put("text", rule.title());
            r.putObject("fullDescription").put("text", rule.description());
            r.putObject("help").put("text", rule.description());
            r.putObject("defaultConfiguration").put("level", level(rule.severity()));
        }
        ArrayNode resultArray = run.putArray("results");
        for (ValidationResult result : ReportOrder.files(results)) {
            String uri = uri(result.file());
            for (Diagnostic d : ReportOrder.diagnostics(result)) {
                ObjectNode r = resultArray.addObject();
                r.put("ruleId", d.code());
                r.put("ruleIndex", ids.indexOf(d.code()));
                r.put("level", level(d.severity()));
                r.putObject("message").put("text", d.message());
                ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
                ObjectNode artifact = physical.putObject("artifactLocation");
                artifact.put("uri", uri);
                if (!result.file().isAbsolute()) {
                    artifact.put("uriBaseId", "%SRCROOT%");
                }
                ObjectNode region = physical.putObject("region");
                region.put("startLine", d.range().start().line() + 1);
                region.put("startColumn", d.range().start().column() + 1);
                region.put("endLine", d.range().end().line() + 1);
                region.put("endColumn", d.range().end().column() + 1);
            }
        }
        run.put("columnKind", "utf16CodeUnits");
        // what the run assumed (Fabric release per file, skipped file checks): a SARIF property bag
        if (results.stream().anyMatch(r -> r.fabricVersion() != null)) {
            writeAssumptions(run.putObject("properties"), results);
        }
        out.append(JSON.writeValueAsString(root)).append('\n');
    }

    private static void writeAssumptions(ObjectNode properties, List<ValidationResult> results) {
        properties.put("summary", Summary.of(results).line());
        ArrayNode assumed = properties.putArray("files");
        for (ValidationResult result : ReportOrder.files(results)) {
            if (result.fabricVersion() != null) {
                ObjectNode f = assumed.addObject();
                f.put("uri", uri(result.file()));
                f.put("fabricVersion", result.fabricVersion().label());
                f.put("fabricVersionBasis", result.versionBasis());
                f.put("filesChecked", result.filesChecked());
            }
        }
    }

    private Map<String, RuleInfo> ruleTable(List<ValidationResult> results) {
        Map<String, RuleInfo> table = new LinkedHashMap<>();
        for (RuleInfo rule : rules) {
            table.putIfAbsent(rule.code(), rule);
        }
        for (ValidationResult result : results) {
            for (Diagnostic d : result.diagnostics()) {
                table.putIfAbsent(d.code(), new RuleInfo(d.code(), d.severity(), d.code(), d.code()));
            }
        }
        return table;
    }

    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFORMATION, HINT -> "note";
        };
    }

    static String uri(Path file) {
        if (file.isAbsolute()) {
            return file.toUri().toString();
        }
        try {
            return new URI(null, null, ReportOrder.displayPath(file), null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("path cannot be a URI: " + file, e);
        }
    }
}
