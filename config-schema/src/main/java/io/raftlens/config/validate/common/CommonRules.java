package io.raftlens.config.validate.common;

import io.raftlens.config.validate.Rule;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.ValueIssue;
import io.raftlens.config.yaml.YamlProblem;
import java.util.List;

/** Rules that apply to every Fabric YAML file: YAML well-formedness and Fabric's value semantics. */
public final class CommonRules {

    private static final List<Rule> ALL = List.of(
            new YamlProblemRule("YAML001", YamlProblem.Kind.SYNTAX, Severity.ERROR, "YAML syntax error",
                    "The text is not valid YAML. Fabric fails to load the file ('While parsing config: yaml: …')."),
            new YamlProblemRule("YAML002", YamlProblem.Kind.DUPLICATE_KEY, Severity.ERROR, "Duplicate mapping key",
                    "A key appears twice in one mapping. Fabric's YAML decoder rejects the file with "
                            + "'mapping key \"X\" already defined at line N'. (Fabric 2.5 silently keeps the last value: a warning there.)"),
            new YamlProblemRule("YAML003", YamlProblem.Kind.LIMIT, Severity.ERROR, "File too large, too deep or alias bomb",
                    "The file exceeds RaftLens's reading limits (8 MB, 200 levels of nesting, one million nodes once "
                            + "aliases are expanded). Real Fabric configurations are far below them."),
            new YamlProblemRule("YAML004", YamlProblem.Kind.UNDEFINED_ALIAS, Severity.ERROR, "Alias to an undefined anchor",
                    "An alias *X names an anchor &X that is not defined before it. Fabric fails with "
                            + "\"yaml: unknown anchor 'X' referenced\"."),
            new YamlProblemRule("YAML005", YamlProblem.Kind.BAD_MERGE, Severity.ERROR, "Merge key needs a mapping",
                    "The value of a merge key << must be a mapping or a list of mappings. Fabric fails with "
                            + "'map merge requires map or sequence of maps as the value'."),
            new ExtraDocumentRule(),
            new TopLevelMappingRule(),
            new ValueIssueRule("VAL001", ValueIssue.Kind.UNKNOWN_KEY, Severity.ERROR, "Unknown key",
                    "A key that the Fabric struct does not have (keys match Go field names case-insensitively). Fabric "
                            + "fails to load the file: \"'<path>' has invalid keys: <key>\"."),
            new ValueIssueRule("VAL002", ValueIssue.Kind.WRONG_SHAPE, Severity.ERROR, "Wrong kind of value",
                    "A mapping, list or single value where Fabric expects another kind, e.g. \"'Orderer.BatchSize' expected a map, got 'string'\"."),
            new ValueIssueRule("VAL003", ValueIssue.Kind.BAD_VALUE, Severity.ERROR, "Value of the wrong type",
                    "A value Fabric's weak typing cannot convert: text in a number field, 'yes' in a bool field, a byte size "
                            + "in a field that takes plain numbers, or a size with an unsupported unit (16 MiB, 1.5 MB). Fabric fails "
                            + "with \"cannot parse '<path>' as uint: strconv.ParseUint: parsing …: invalid syntax\"."),
            new ValueIssueRule("VAL004", ValueIssue.Kind.NEGATIVE, Severity.ERROR, "Negative number in an unsigned field",
                    "Fabric silently wraps a negative number into an unsigned field: ElectionTick: -1 becomes 4294967295."),
            new ValueIssueRule("VAL005", ValueIssue.Kind.OVERFLOW, Severity.ERROR, "Number too large for the field",
                    "A number or byte size larger than the Go type holds; Fabric fails (\"value '4 GB' overflows uint32\") or truncates it."),
            new ValueIssueRule("VAL006", ValueIssue.Kind.WEAK_CONVERSION, Severity.WARNING, "Value read differently than written",
                    "Fabric's weak typing accepts the value but reads something else: 010 is octal 8, true is 1, 1.5 is cut to 1, "
                            + "an unquoted 0x10 in a text field becomes \"16\"."),
            new ValueIssueRule("VAL007", ValueIssue.Kind.BAD_DURATION, Severity.ERROR, "Invalid duration",
                    "A time.Duration field that Go's time.ParseDuration rejects, e.g. \"time: invalid duration \\\"2 seconds\\\"\"."),
            new ValueIssueRule("VAL008", ValueIssue.Kind.BARE_DURATION, Severity.WARNING, "Duration without a unit",
                    "A bare integer in a time.Duration field is nanoseconds: BatchTimeout: 2 is 2ns, not 2s."),
            new ValueIssueRule("VAL009", ValueIssue.Kind.PLACEHOLDER, Severity.INFORMATION, "Placeholder not checked",
                    "A ${VAR} placeholder (envsubst template); its value is checked only after substitution."),
            new ValueIssueRule("VAL010", ValueIssue.Kind.FILE_REFERENCE, Severity.WARNING, "File: reference",
                    "A {File: path} value: Fabric reads the file's content as the value (its PEM certificates in a list field). "
                            + "RaftLens names the file but never reads or quotes it, so the value is not checked (information); "
                            + "a file that does not exist yet is a warning, one that is not a regular file or is over 1 MB an error."),
            new ValueIssueRule("VAL011", ValueIssue.Kind.VERSION_KEY, Severity.ERROR, "Key from another Fabric version",
                    "A key that the validated Fabric release does not have although another release does, e.g. Orderer.Kafka "
                            + "under Fabric 3 (removed with Kafka consensus) or ConsenterMapping under Fabric 2.5. Fabric fails with "
                            + "\"'Orderer' has invalid keys: Kafka\"."));

    private CommonRules() {
    }

    private static final Rule MISSING_FILES = new MissingFilesRule();

    /** FILE003, which runs after the rules of each kind (they note the files that are missing). */
    public static Rule missingFiles() {
        return MISSING_FILES;
    }

    public static List<Rule> all() {
        return ALL;
    }
}
