package io.raftlens.lsp.features;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.fabric.FileKind;
import io.raftlens.config.fabric.Modeline;
import io.raftlens.config.fabric.ValidationSettings;
import io.raftlens.config.fabric.VersionInference;
import io.raftlens.config.yaml.ParsedYaml;
import java.util.Optional;
import java.util.Set;

/**
 * What the user configured (initializationOptions, didChangeConfiguration).
 *
 * @param fabricVersion rules and completions of this Fabric release (a file's modeline overrides it); with
 *                      {@code inferVersion}, the release for files that do not say
 * @param disabledRules rule codes not reported ({@code RAFT015} …)
 * @param profile       only this configtx profile is checked in depth; null for all
 * @param inlayHints    whether inlay hints are computed
 * @param inferVersion  {@code fabricVersion: "auto"}: diagnostics use the release each file's Channel
 *                      capabilities imply, as {@code raftlens validate} does by default
 * @param checkFiles    whether referenced files (MSP folders, certificates, keys) are checked
 *                      ({@code checkFiles: false} is the editor's {@code --no-files})
 */
public record LspSettings(FabricVersion fabricVersion, Set<String> disabledRules, String profile, boolean inlayHints,
                          boolean inferVersion, boolean checkFiles) {

    public LspSettings {
        disabledRules = Set.copyOf(disabledRules);
    }

    /** A fixed release, file checks on. */
    public LspSettings(FabricVersion fabricVersion, Set<String> disabledRules, String profile, boolean inlayHints) {
        this(fabricVersion, disabledRules, profile, inlayHints, false, true);
    }

    /** As {@code raftlens validate}: the release inferred per file (Fabric 3 when a file does not say), file checks on. */
    public static LspSettings defaults() {
        return new LspSettings(FabricVersion.V3, Set.of(), null, true, true, true);
    }

    public boolean enabled(String code) {
        return !disabledRules.contains(code);
    }

    /**
     * The release completion and hover follow for a document: its modeline's, else (with {@code auto}) the one
     * its content implies, as diagnostics do; else the configured one.
     */
    public FabricVersion fabricVersionFor(String text, ParsedYaml yaml, FileKind kind) {
        Optional<FabricVersion> declared = Modeline.find(text).flatMap(Modeline::fabricVersion);
        if (declared.isPresent()) {
            return declared.get();
        }
        if (!inferVersion) {
            return fabricVersion;
        }
        Optional<VersionInference.Inferred> inferred = kind == FileKind.CONFIGTX
                ? VersionInference.fromChannelCapabilities(yaml) : VersionInference.fromOrdererKeys(yaml);
        return inferred.map(VersionInference.Inferred::version).orElse(fabricVersion);
    }

    /** What the validator is told. */
    public ValidationSettings validation() {
        ValidationSettings base = inferVersion ? ValidationSettings.inferred(profile) : new ValidationSettings(fabricVersion, profile);
        return base.withCheckFiles(checkFiles);
    }
}
