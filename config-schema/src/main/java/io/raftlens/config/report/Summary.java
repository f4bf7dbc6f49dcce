package io.raftlens.config.report;

import io.raftlens.config.validate.Severity;
import io.raftlens.config.validate.ValidationResult;
import java.util.List;

/** Error and warning counts over all files of a run. */
public record Summary(long errors, long warnings) {

    public static Summary of(List<ValidationResult> results) {
        long errors = 0;
        long warnings = 0;
        for (ValidationResult r : results) {
            errors += r.count(Severity.ERROR);
            warnings += r.count(Severity.WARNING);
        }
        return new Summary(errors, warnings);
    }

    /** The text report's closing line, e.g. {@code 2 errors, 1 warnings} (the documented, parseable form). */
    public String line() {
        return errors + " errors, " + warnings + " warnings";
    }
}
