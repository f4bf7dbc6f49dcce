package io.raftlens.config.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Parses YAML text into position-aware trees. Built on snakeyaml-engine's event API rather than its
 * composer because the composer resolves aliases to shared nodes and forgets where each alias and
 * merge key was written, which the editor needs (go to anchor, "inherited from &X, line N").
 *
 * <p>Never throws for any input: syntax errors, undefined aliases, bad merges and resource limits
 * become {@link YamlProblem}s, and the documents read before an error are kept.
 */
public final class YamlParser {

    private final YamlLimits limits;

    public YamlParser() {
        this(YamlLimits.DEFAULT);
    }

    public YamlParser(YamlLimits limits) {
        this.limits = limits;
    }

    public static ParsedYaml parse(String text) {
        return new YamlParser().parseText(text);
    }

    public ParsedYaml parseText(String text) {
        TextIndex index = new TextIndex(text);
        List<YamlProblem> problems = new ArrayList<>();
        if (text.length() > limits.maxChars()) {
            problems.add(new YamlProblem(YamlProblem.Kind.LIMIT,
                    "file is " + megabytes(text.length()) + " MB; RaftLens reads configuration files up to "
                            + megabytes(limits.maxChars()) + " MB (a real configtx.yaml is a few KB)",
                    new Range(Position.START, Position.START), null));
            return new ParsedYaml(text, List.of(), problems);
        }
        LoadSettings settings = LoadSettings.builder()
                .setUseMarks(true)
                .setCodePointLimit(limits.maxChars() + 1)
                .setMaxAliasesForCollections(limits.maxAliases())
                .setAllowDuplicateKeys(true) // duplicates are reported by TreeBuilder with Fabric's message
                .setParseComments(false)
                .setLabel("yaml")
                .build();
        TreeBuilder builder = new TreeBuilder(index, limits, problems);
        try {
            for (Event event : new Parse(settings).parseString(text)) {
                builder.accept(event);
            }
        } catch (MarkedYamlEngineException e) {
            builder.abort();
            problems.add(syntaxProblem(e, index));
        } catch (TreeBuilder.LimitExceeded e) {
            builder.abort();
            problems.add(new YamlProblem(YamlProblem.Kind.LIMIT, e.getMessage(), e.range, null));
        } catch (YamlEngineException | IllegalArgumentException | IllegalStateException e) {
            builder.abort();
            problems.add(new YamlProblem(YamlProblem.Kind.SYNTAX, "not valid YAML: " + clean(e.getMessage()),
                    index.tokenAt(builder.lastPosition()), null));
        } catch (StackOverflowError e) {
            // snakeyaml's scanner recurses on some pathological flow input; the depth limit normally stops it first
            builder.abort();
            problems.add(new YamlProblem(YamlProblem.Kind.LIMIT, "YAML nested too deeply to read",
                    index.tokenAt(builder.lastPosition()), null));
        }
        return new ParsedYaml(text, builder.documents(), problems);
    }

    private static YamlProblem syntaxProblem(MarkedYamlEngineException e, TextIndex index) {
        Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
        Position at = mark.map(m -> index.atLineColumn(m.getLine(), m.getColumn())).orElse(Position.START);
        String problem = e.getProblem() == null ? "" : e.getProblem();
        if (problem.contains("(TAB)")) {
            return new YamlProblem(YamlProblem.Kind.SYNTAX,
                    "YAML syntax error: found a tab character; YAML does not allow tabs for indentation, use spaces",
                    index.tokenAt(at), null);
        }
        StringBuilder msg = new StringBuilder("YAML syntax error: ").append(clean(problem));
        if (e.getContext() != null && e.getContextMark().isPresent()) {
            Mark c = e.getContextMark().get();
            msg.append(" (").append(clean(e.getContext())).append(" at line ").append(c.getLine() + 1).append(')');
        }
        if (problem.contains("mapping values are not allowed")) {
            msg.append("; check the indentation, or quote a value that contains ': '");
        }
        return new YamlProblem(YamlProblem.Kind.SYNTAX, msg.toString(), index.tokenAt(at), null);
    }

    private static String clean(String s) {
        if (s == null) {
            return "unexpected content";
        }
        String firstLine = s.strip().lines().findFirst().orElse(s);
        return firstLine.replace("\t", "\\t");
    }

    private static String megabytes(long chars) {
        return String.format(java.util.Locale.ROOT, "%.1f", chars / (1024.0 * 1024.0));
    }
}
