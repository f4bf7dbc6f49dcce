package io.raftlens.config.validate.common;

import io.raftlens.config.validate.Rule;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.yaml.YamlProblem;
import java.util.List;

/** Rules that apply to every Fabric YAML file: YAML well-formedness. */
public final class CommonRules {

    private static final List<Rule> ALL = List.of(
            new YamlProblemRule("YAML001", YamlProblem.Kind.SYNTAX, Severity.ERROR, "YAML syntax error",
                    "The text is not valid YAML. Fabric fails to load the file ('While parsing config: yaml: …')."),
            new YamlProblemRule("YAML002", YamlProblem.Kind.DUPLICATE_KEY, Severity.ERROR, "Duplicate mapping key",
                    "A key appears twice in one mapping. Fabric's YAML decoder rejects the file with "
                            + "'mapping key \"X\" already defined at line N'."),
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
            new TopLevelMappingRule());

    private CommonRules() {
    }

    public static List<Rule> all() {
        return ALL;
    }
}
