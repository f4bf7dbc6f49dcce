package io.raftlens.config.yaml;

import java.util.List;
import java.util.Optional;

/** The result of parsing a YAML text: its documents and the problems found. Never null parts. */
public record ParsedYaml(String text, List<YamlDocument> documents, List<YamlProblem> problems) {

    public ParsedYaml {
        documents = List.copyOf(documents);
        problems = List.copyOf(problems);
    }

    /** The first document, which is the only one Fabric reads. */
    public Optional<YamlDocument> first() {
        return documents.isEmpty() ? Optional.empty() : Optional.of(documents.get(0));
    }

    /** The first document's top-level mapping, if it is one. */
    public Optional<YamlMapping> root() {
        return first().flatMap(YamlDocument::rootMapping);
    }

    public boolean hasSyntaxErrors() {
        return problems.stream().anyMatch(p -> p.kind() == YamlProblem.Kind.SYNTAX || p.kind() == YamlProblem.Kind.LIMIT);
    }
}
