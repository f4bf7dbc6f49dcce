package io.raftlens.config.report;

import io.raftlens.config.validate.ValidationResult;
import java.io.IOException;
import java.util.List;

/** Writes the results of one validation run in one output format. */
public interface ReportWriter {

    /** Writes every result (files without diagnostics included) to {@code out}; does not close it. */
    void write(List<ValidationResult> results, Appendable out) throws IOException;

    /** The report as a string. */
    default String render(List<ValidationResult> results) {
        StringBuilder sb = new StringBuilder();
        try {
            write(results, sb);
        } catch (IOException e) {
            throw new IllegalStateException("StringBuilder does not throw", e);
        }
        return sb.toString();
    }
}
