package io.raftlens.config.validate;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.fabric.SourceFile;
import io.raftlens.config.fabric.ValidationSettings;
import io.raftlens.config.yaml.ParsedYaml;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a rule sees: the file, its YAML tree, the typed model of its kind (built once, on first use)
 * and the settings.
 */
public final class RuleContext {

    private final SourceFile source;
    private final Function<SourceFile, Object> modelFactory;
    private Object model;
    private RuntimeException modelFailure;
    private boolean modelBuilt;
    private final Map<Object, Object> shared = new HashMap<>();

    public RuleContext(SourceFile source, Function<SourceFile, Object> modelFactory) {
        this.source = source;
        this.modelFactory = modelFactory;
    }

    public SourceFile source() {
        return source;
    }

    public ParsedYaml yaml() {
        return source.yaml();
    }

    public Path file() {
        return source.file();
    }

    public Path folder() {
        return source.folder();
    }

    public ValidationSettings settings() {
        return source.settings();
    }

    public FabricVersion fabricVersion() {
        return source.settings().fabricVersion();
    }

    /** The profile chosen with --profile, if any: deep checks are limited to it. */
    public Optional<String> profile() {
        return Optional.ofNullable(source.settings().profile());
    }

    /** Why the typed model could not be built (a RaftLens bug), if it failed; rules then see no model. */
    public Optional<RuntimeException> modelFailure() {
        return Optional.ofNullable(modelFailure);
    }

    /**
     * A value computed once per validation run and shared by the rules (e.g. certificate files read from
     * disk). {@code key} identifies it; rules of one concern use one key.
     */
    @SuppressWarnings("unchecked")
    public <T> T shared(Object key, Supplier<T> compute) {
        return (T) shared.computeIfAbsent(key, k -> compute.get());
    }

    /**
     * The typed model of this file, e.g. {@code context.model(Configtx.class)}. Empty when the file has
     * no model of that type (wrong kind, or building the model failed: see {@link #modelFailure()}).
     */
    public <T> Optional<T> model(Class<T> type) {
        if (!modelBuilt) {
            modelBuilt = true;
            try {
                model = modelFactory.apply(source);
            } catch (RuntimeException e) {
                modelFailure = e;
            }
        }
        return type.isInstance(model) ? Optional.of(type.cast(model)) : Optional.empty();
    }
}
