package io.raftlens.config.report;

import io.raftlens.config.validate.Severity;
import io.raftlens.config.validate.ValidationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Error and warning counts over all files of a run, and what the run assumed: which Fabric release's
 * rules each file got and why, and whether referenced files were checked.
 *
 * @param versions per release label ("3", "2.5"): how many files got its rules, by reason
 * @param filesSkipped how many files were validated without looking at the files they reference
 */
public record Summary(long errors, long warnings, Map<String, Map<String, Integer>> versions, long filesSkipped) {

    public Summary {
        Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
        versions.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        versions = java.util.Collections.unmodifiableMap(copy);
    }

    public Summary(long errors, long warnings) {
        this(errors, warnings, Map.of(), 0);
    }

    public static Summary of(List<ValidationResult> results) {
        long errors = 0;
        long warnings = 0;
        long skipped = 0;
        // newest release first, then reasons in a stable order
        Map<String, Map<String, Integer>> versions = new TreeMap<>((a, b) -> b.compareTo(a));
        for (ValidationResult r : results) {
            errors += r.count(Severity.ERROR);
            warnings += r.count(Severity.WARNING);
            if (!r.filesChecked()) {
                skipped++;
            }
            if (r.fabricVersion() != null) {
                versions.computeIfAbsent(r.fabricVersion().label(), k -> new TreeMap<>())
                        .merge(r.versionBasis() == null ? "default" : r.versionBasis(), 1, Integer::sum);
            }
        }
        return new Summary(errors, warnings, versions, skipped);
    }

    /** The counts alone, e.g. {@code 2 errors, 1 warnings} (the documented, parseable start of the line). */
    public String counts() {
        return errors + " errors, " + warnings + " warnings";
    }

    /**
     * The text report's closing line: the counts, then what the run assumed, e.g.
     * {@code 2 errors, 1 warnings; Fabric 3 rules (Channel capability V3_0); file checks skipped (--no-files)}.
     */
    public String line() {
        List<String> parts = new ArrayList<>();
        if (!versions.isEmpty()) {
            List<String> perVersion = new ArrayList<>();
            versions.forEach((label, reasons) -> perVersion.add("Fabric " + label + " rules (" + reasons(reasons) + ")"));
            parts.add(String.join(", ", perVersion));
        }
        if (filesSkipped > 0) {
            parts.add("file checks skipped (--no-files): certificates, keys and MSP folders not looked at");
        }
        return parts.isEmpty() ? counts() : counts() + "; " + String.join("; ", parts);
    }

    private static String reasons(Map<String, Integer> reasons) {
        int total = reasons.values().stream().mapToInt(Integer::intValue).sum();
        if (reasons.size() == 1 && total == 1) {
            return describe(reasons.keySet().iterator().next());
        }
        List<String> out = new ArrayList<>();
        reasons.forEach((reason, n) -> out.add(n + (n == 1 ? " file: " : " files: ") + describe(reason)));
        return String.join(", ", out);
    }

    private static String describe(String basis) {
        return switch (basis) {
            case "--fabric-version" -> "--fabric-version";
            case "modeline" -> "modeline";
            case "default" -> "default, nothing to infer from";
            default -> "inferred from " + basis;
        };
    }
}
