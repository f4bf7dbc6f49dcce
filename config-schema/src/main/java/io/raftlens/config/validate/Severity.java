package io.raftlens.config.validate;

/** Diagnostic severities, in LSP order (error = 1 … hint = 4). */
public enum Severity {
    ERROR, WARNING, INFORMATION, HINT;

    /** The LSP DiagnosticSeverity number. */
    public int lspValue() {
        return ordinal() + 1;
    }

    /** Lower-case name used by the text and JSON reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
