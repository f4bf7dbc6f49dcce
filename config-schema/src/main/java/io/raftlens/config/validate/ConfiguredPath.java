package io.raftlens.config.validate;

/**
 * How diagnostics quote a configured certificate or key path. A value that is not plausibly a path (PEM
 * armour, a line break) is most likely key or certificate content pasted into the field; it must never be
 * echoed into diagnostics, hovers or CLI output, where it would leak a private key into logs and CI reports.
 */
public final class ConfiguredPath {

    private ConfiguredPath() {
    }

    /** True when the value can be quoted: no PEM armour, no line breaks or other control characters. */
    public static boolean isPlausiblePath(String value) {
        if (value == null) {
            return true;
        }
        if (value.contains("-----BEGIN") || value.contains("-----END") || value.contains("PRIVATE KEY")) {
            return false;
        }
        return value.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7f);
    }

    /** The message for a key whose value is not a path: it names the key, never the value. */
    public static String notAPath(String key) {
        return "the value of " + key + " is not a file path (it looks like PEM content; point it at a file instead)";
    }
}
