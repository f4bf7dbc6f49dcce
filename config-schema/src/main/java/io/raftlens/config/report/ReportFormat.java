package io.raftlens.config.report;

import io.raftlens.config.validate.RuleInfo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The output formats of {@code raftlens validate --format}. */
public enum ReportFormat {
    TEXT, JSON, SARIF;

    /** "text", "json", "sarif" (any case). */
    public static Optional<ReportFormat> parse(String name) {
        for (ReportFormat f : values()) {
            if (f.label().equalsIgnoreCase(name.trim())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A writer for this format.
     *
     * @param rules       every rule the validator has (SARIF lists them all in its rule table)
     * @param toolVersion version string reported in SARIF
     */
    public ReportWriter writer(List<RuleInfo> rules, String toolVersion) {
        return switch (this) {
            case TEXT -> new TextReport();
            case JSON -> new JsonReport();
            case SARIF -> new SarifReport(rules, toolVersion);
        };
    }
}
