package io.raftlens.config.model.configtx;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.fabric.SourceFile;
import io.raftlens.config.value.Binder;
import io.raftlens.config.value.Bound;
import io.raftlens.config.yaml.ParsedYaml;
import io.raftlens.config.yaml.Position;
import io.raftlens.config.yaml.Range;
import io.raftlens.config.yaml.YamlMapping;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Builds {@link Configtx} models from parsed configtx.yaml files. Reading and validating a file for use
 * is {@code LoadedConfigtx.read} in the validator package, one layer up.
 */
public final class ConfigtxLoader {

    private ConfigtxLoader() {
    }

    /** The model of an already parsed text (the rule framework's model factory). */
    public static Configtx fromSource(SourceFile source) {
        return model(source.file(), source.yaml(), source.settings().fabricVersion(), source.settings().checkFiles());
    }

    /** The model of a parsed configtx.yaml. Never throws; problems are in {@link Configtx#issues()}. */
    public static Configtx model(Path file, ParsedYaml yaml, FabricVersion version) {
        return model(file, yaml, version, true);
    }

    /** @param readFiles whether {@code File:} references are read (off with --no-files) */
    public static Configtx model(Path file, ParsedYaml yaml, FabricVersion version, boolean readFiles) {
        Path abs = file.toAbsolutePath();
        Path folder = abs.getParent() != null ? abs.getParent() : abs;
        Binder binder = new Binder(version, folder, ConfigtxSchema.KEY_HINTS, readFiles);
        Bound bound = yaml.root()
                .<Bound>map(root -> binder.bind(root, ConfigtxSchema.TOP_LEVEL, ""))
                .orElseGet(() -> Binder.empty(emptyRoot(), ConfigtxSchema.TOP_LEVEL, ""));
        Bound.BoundStruct root = bound instanceof Bound.BoundStruct s ? s
                : (Bound.BoundStruct) Binder.empty(emptyRoot(), ConfigtxSchema.TOP_LEVEL, "");
        return new Configtx(file, folder, version, yaml, root, binder.issues());
    }

    private static YamlMapping emptyRoot() {
        Range r = new Range(Position.START, Position.START);
        return new YamlMapping(java.util.List.of(), java.util.List.of(), false, r, Optional.empty(), Optional.empty());
    }
}
