package io.raftlens.config.fabric;

/**
 * What a validation run checks.
 *
 * @param fabricVersion rules of this Fabric release apply (a file's modeline may override it)
 * @param profile       only this configtx profile is checked in depth; null means every profile
 */
public record ValidationSettings(FabricVersion fabricVersion, String profile) {

    public static ValidationSettings defaults() {
        return new ValidationSettings(FabricVersion.V3, null);
    }
}
