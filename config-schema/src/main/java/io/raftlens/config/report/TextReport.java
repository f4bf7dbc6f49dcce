package io.raftlens.config.report;

import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.ValidationResult;
import java.io.IOException;
import java.util.List;

/**
 * {@code PATH:LINE:COL: SEVERITY: MESSAGE [CODE]} per diagnostic (1-based, the form compilers use, so
 * editors and CI logs link it), sorted by path then position, then {@code N errors, N warnings}.
 */
public final class TextReport implements ReportWriter {

    @Override
    public void write(List<ValidationResult> results, Appendable out) throws IOException {
        for (ValidationResult result : ReportOrder.files(results)) {
            String path = ReportOrder.displayPath(result.file());
            for (Diagnostic d : ReportOrder.diagnostics(result)) {
                out.append(path).append(':')
                        .append(String.valueOf(d.range().start().line() + 1)).append(':')
                        .append(String.valueOf(d.range().start().column() + 1)).append(": ")
                        .append(d.severity().label()).append(": ")
                        .append(ReportOrder.oneLine(d.message()))
                        .append(" [").append(d.code()).append("]\n");
            }
        }
        out.append(Summary.of(results).line()).append('\n');
    }
}
