package io.raftlens.config.fabric;

/**
 * What a validation run checks.
 *
 * @param fabricVersion rules of this Fabric release apply (a file's modeline may override it); with
 *                      {@code inferVersion} it is only the fallback for files that do not say
 * @param profile       only this configtx profile is checked in depth; null means every profile
 * @param inferVersion  {@code --fabric-version auto}: each configtx.yaml's release is inferred from its
 *                      Channel capabilities (see {@link VersionInference})
 * @param checkFiles    whether referenced files (MSP folders, certificates, keys) are looked at;
 *                      {@code --no-files} turns this off for CI runs without crypto material
 */
public record ValidationSettings(FabricVersion fabricVersion, String profile, boolean inferVersion, boolean checkFiles) {

    /** An explicitly chosen release, with file checks. */
    public ValidationSettings(FabricVersion fabricVersion, String profile) {
        this(fabricVersion, profile, false, true);
    }

    /** Fabric 3 rules, every profile, file checks on. */
    public static ValidationSettings defaults() {
        return new ValidationSettings(FabricVersion.V3, null);
    }

    /** {@code --fabric-version auto}: inferred per file, Fabric 3 when a file does not say. */
    public static ValidationSettings inferred(String profile) {
        return new ValidationSettings(FabricVersion.V3, profile, true, true);
    }

    public ValidationSettings withCheckFiles(boolean check) {
        return new ValidationSettings(fabricVersion, profile, inferVersion, check);
    }

    /** The same settings with a fixed release (a modeline's, or the inferred one). */
    public ValidationSettings withVersion(FabricVersion version) {
        return new ValidationSettings(version, profile, false, checkFiles);
    }
}
