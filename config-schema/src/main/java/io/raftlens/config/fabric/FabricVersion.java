package io.raftlens.config.fabric;

import java.util.Optional;

/** Fabric release lines whose rules differ. The default is the current release, 3. */
public enum FabricVersion {
    V2_5("2.5"), V3("3");

    private final String label;

    FabricVersion(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Accepts "2.5", "2.5.x", "3", "3.0", "3.1", "v3" … */
    public static Optional<FabricVersion> parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("v")) {
            t = t.substring(1);
        }
        if (t.equals("2.5") || t.startsWith("2.5.")) {
            return Optional.of(V2_5);
        }
        if (t.equals("3") || t.startsWith("3.")) {
            return Optional.of(V3);
        }
        return Optional.empty();
    }
}
