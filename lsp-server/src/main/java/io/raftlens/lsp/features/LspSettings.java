package io.raftlens.lsp.features;

import io.raftlens.config.fabric.FabricVersion;
import java.util.Set;

/**
 * What the user configured (initializationOptions, didChangeConfiguration).
 *
 * @param fabricVersion rules and completions of this Fabric release (a file's modeline overrides it)
 * @param disabledRules rule codes not reported ({@code RAFT015} …)
 * @param profile       only this configtx profile is checked in depth; null for all
 * @param inlayHints    whether inlay hints are computed
 */
public record LspSettings(FabricVersion fabricVersion, Set<String> disabledRules, String profile, boolean inlayHints) {

    public LspSettings {
        disabledRules = Set.copyOf(disabledRules);
    }

    public static LspSettings defaults() {
        return new LspSettings(FabricVersion.V3, Set.of(), null, true);
    }

    public boolean enabled(String code) {
        return !disabledRules.contains(code);
    }
}
