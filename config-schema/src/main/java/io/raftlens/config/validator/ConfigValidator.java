package io.raftlens.config.validator;

import io.raftlens.config.fabric.FileKind;
import io.raftlens.config.fabric.FileKinds;
import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.fabric.VersionBasis;
import io.raftlens.config.fabric.VersionInference;
import io.raftlens.config.fabric.Modeline;
import io.raftlens.config.fabric.SourceFile;
import io.raftlens.config.fabric.ValidationSettings;
import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.Rule;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.RuleInfo;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.validate.ValidationResult;
import io.raftlens.config.yaml.ParsedYaml;
import io.raftlens.config.yaml.Position;
import io.raftlens.config.yaml.Range;
import io.raftlens.config.yaml.YamlLimits;
import io.raftlens.config.yaml.YamlParser;
import io.raftlens.config.yaml.YamlNavigator;
import io.raftlens.config.yaml.YamlProblem;
import io.raftlens.config.yaml.YamlScalar;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Validates configtx.yaml and orderer.yaml files: the entry point for the CLI, the language server and
 * CI. Thread-safe; one instance can validate many files.
 */
public final class ConfigValidator {

    private static final System.Logger LOG = System.getLogger(ConfigValidator.class.getName());
    private static final Comparator<Diagnostic> BY_POSITION = (a, b) -> {
        int c = a.range().start().compareTo(b.range().start());
        if (c == 0) {
            c = a.range().end().compareTo(b.range().end());
        }
        if (c == 0) {
            c = a.code().compareTo(b.code());
        }
        return c != 0 ? c : a.message().compareTo(b.message());
    };

    private final ValidationSettings settings;
    private final Function<FileKind, List<Rule>> rules;
    private final Function<FileKind, Function<SourceFile, Object>> models;
    private final YamlParser parser = new YamlParser();

    public ConfigValidator(ValidationSettings settings) {
        this(settings, RuleCatalog::rules);
    }

    /** With a different rule set (tests). */
    ConfigValidator(ValidationSettings settings, Function<FileKind, List<Rule>> rules) {
        this(settings, rules, RuleCatalog::modelFactory);
    }

    /** With different rules and models (tests). */
    ConfigValidator(ValidationSettings settings, Function<FileKind, List<Rule>> rules,
                    Function<FileKind, Function<SourceFile, Object>> models) {
        this.settings = settings == null ? ValidationSettings.defaults() : settings;
        this.rules = rules;
        this.models = models;
    }

    /** Reads and validates a file. Throws only when the file cannot be read at all. */
    public ValidationResult validate(Path file) throws IOException {
        long size = io.raftlens.config.files.SafeFiles.regular(file).size();
        if (size > YamlLimits.DEFAULT.maxChars()) {
            return fileProblem(file, String.format(java.util.Locale.ROOT,
                    "file is %.1f MB; RaftLens reads configuration files up to %d MB", size / 1048576.0,
                    YamlLimits.DEFAULT.maxChars() / 1048576));
        }
        byte[] bytes = io.raftlens.config.files.SafeFiles.read(file, YamlLimits.DEFAULT.maxChars());
        Optional<String> text = decode(bytes);
        if (text.isEmpty()) {
            return fileProblem(file, "not a text file (binary content or not UTF-8); a Fabric configuration is UTF-8 YAML");
        }
        return validate(file, text.get());
    }

    /** Validates a text as the file at {@code file} (which need not exist). Never throws. */
    public ValidationResult validate(Path file, String text) {
        Optional<FileKind> kind = FileKinds.detect(file, text);
        if (kind.isEmpty()) {
            Diagnostic d = new Diagnostic(FacadeCodes.UNKNOWN_KIND.code(), Severity.ERROR,
                    "cannot tell whether this is a configtx.yaml or an orderer.yaml: name it configtx*.yaml or "
                            + "orderer*.yaml, or add a first line '# raftlens: configtx' (or orderer)",
                    new Range(Position.START, Position.START));
            return new ValidationResult(file, null, List.of(d));
        }
        return validate(file, text, kind.get());
    }

    /** Validates a text as a file of a known kind (the language server knows the kind). Never throws. */
    public ValidationResult validate(Path file, String text, FileKind kind) {
        ParsedYaml yaml = parser.parseText(text);
        ValidationSettings effective;
        String basis;
        Optional<FabricVersion> declared = Modeline.find(text).flatMap(Modeline::fabricVersion);
        if (declared.isPresent()) {
            effective = settings.withVersion(declared.get());
            basis = VersionBasis.MODELINE;
        } else if (settings.inferVersion()) {
            Optional<VersionInference.Inferred> inferred = kind == FileKind.CONFIGTX
                    ? VersionInference.fromChannelCapabilities(yaml) : VersionInference.fromOrdererKeys(yaml);
            effective = settings.withVersion(inferred.map(VersionInference.Inferred::version).orElse(settings.fabricVersion()));
            basis = inferred.map(VersionInference.Inferred::basis).orElse(VersionBasis.DEFAULT);
        } else {
            effective = settings;
            basis = VersionBasis.OPTION;
        }
        SourceFile source = new SourceFile(file, text, yaml, kind, effective);
        RuleContext context = new RuleContext(source, models.apply(kind));
        List<Diagnostic> found = new ArrayList<>();
        for (Rule rule : rules.apply(kind)) {
            try {
                rule.check(context, found::add);
            } catch (RuntimeException | StackOverflowError e) {
                LOG.log(System.Logger.Level.WARNING, "rule " + rule.code() + " failed on " + file, e);
                found.add(new Diagnostic(FacadeCodes.INTERNAL.code(), Severity.WARNING,
                        "internal error in rule " + rule.code() + " (" + e.getClass().getSimpleName()
                                + "); the other rules still ran. Please report this with the file.",
                        new Range(Position.START, Position.START)));
            }
        }
        context.modelFailure().ifPresent(e -> {
            LOG.log(System.Logger.Level.WARNING, "building the " + kind.label() + " model failed for " + file, e);
            found.add(new Diagnostic(FacadeCodes.INTERNAL.code(), Severity.WARNING, "internal error while reading the "
                    + kind.label() + ".yaml model (" + e.getClass().getSimpleName() + "); only YAML-level checks ran. "
                    + "Please report this with the file.", new Range(Position.START, Position.START)));
        });
        found.sort(BY_POSITION);
        return new ValidationResult(file, kind, dedupe(withoutCascades(found, yaml)), effective.fabricVersion(), basis, effective.checkFiles());
    }

    /** The catalog of every code, for reports, docs and hover. */
    public static List<RuleInfo> rules() {
        return RuleCatalog.all();
    }

    public ValidationSettings settings() {
        return settings;
    }

    /**
     * Drops the findings that follow from an alias that could not be resolved: Fabric stops at "unknown anchor",
     * and the collection holding the alias (from its key to its end) is incomplete, so what rules say is missing
     * there (policies, names, MSP IDs, a merged section) is an artefact. Kept: the YAML findings themselves, and
     * findings on a value written there literally ({@code OrdererType: kafka}), which do not depend on the alias.
     */
    static List<Diagnostic> withoutCascades(List<Diagnostic> found, ParsedYaml yaml) {
        List<Range> incomplete = yaml.problems().stream()
                .filter(p -> p.kind() == YamlProblem.Kind.INCOMPLETE).map(YamlProblem::range).toList();
        if (incomplete.isEmpty()) {
            return found;
        }
        List<Diagnostic> kept = new ArrayList<>(found.size());
        for (Diagnostic d : found) {
            boolean inside = incomplete.stream().anyMatch(r ->
                    d.range().start().compareTo(r.start()) >= 0 && d.range().start().compareTo(r.end()) <= 0);
            if (!inside || d.code().startsWith("YAML") || onWrittenValue(d.range(), yaml)) {
                kept.add(d);
            }
        }
        return kept;
    }

    /** Whether a range lies within a non-empty scalar value written at that place (not a key, not an alias). */
    private static boolean onWrittenValue(Range range, ParsedYaml yaml) {
        List<YamlNavigator.Step> steps = YamlNavigator.pathAt(yaml, range.start());
        if (steps.isEmpty()) {
            return false;
        }
        YamlNavigator.Step last = steps.get(steps.size() - 1);
        if (!(last.node() instanceof YamlScalar value) || value.via().isPresent() || value.isNull()) {
            return false;
        }
        boolean onKey = last.entry() != null && last.entry().key().range().contains(range.start());
        return !onKey && value.range().start().compareTo(range.start()) <= 0 && value.range().end().compareTo(range.end()) >= 0;
    }

    private static List<Diagnostic> dedupe(List<Diagnostic> sorted) {
        List<Diagnostic> out = new ArrayList<>(sorted.size());
        for (Diagnostic d : sorted) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(d)) {
                out.add(d);
            }
        }
        return out;
    }

    private ValidationResult fileProblem(Path file, String message) {
        FileKind kind = FileKinds.byName(file).orElse(null);
        return new ValidationResult(file, kind, List.of(new Diagnostic(FacadeCodes.UNREADABLE.code(), Severity.ERROR,
                message, new Range(Position.START, Position.START))));
    }

    private static Optional<String> decode(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text); // editors drop the BOM too
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
