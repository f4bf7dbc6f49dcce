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

    /** Orders this release line against a release number such as "2.0" or "3.0" (major, then minor). */
    public int compareToRelease(String release) {
        int[] a = numbers(label);
        int[] b = numbers(release);
        return a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]);
    }

    /** True when a key added in {@code addedIn} and removed in {@code removedIn} (either null) exists in this release. */
    public boolean within(String addedIn, String removedIn) {
        return (addedIn == null || compareToRelease(addedIn) >= 0) && (removedIn == null || compareToRelease(removedIn) < 0);
    }

    private static int[] numbers(String release) {
        String[] parts = release.trim().replaceFirst("^[vV]", "").split("\\.");
        int[] out = new int[2];
        for (int i = 0; i < 2 && i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                out[i] = 0;
            }
        }
        return out;
    }
}
