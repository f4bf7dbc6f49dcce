package io.raftlens.raft.faults;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.regex.Pattern;

/** Scans text (logs, diagnostics, error messages) for private key material. */
public final class KeyLeaks {

    /** PEM markers of every private key format: PKCS#8, RSA, EC, encrypted, OpenSSH. */
    private static final Pattern MARKER = Pattern.compile("-----BEGIN ([A-Z ]+ )?PRIVATE KEY-----");

    private KeyLeaks() {
    }

    public static void assertNone(String where, String text) {
        var m = MARKER.matcher(text);
        assertFalse(m.find(), () -> where + " contains private key material near: "
                + text.substring(Math.max(0, m.start() - 80), Math.min(text.length(), m.end() + 80)));
    }

    /** Also the key's base64 body itself, in case a message printed the key without its PEM armour. */
    public static void assertNone(String where, String text, String pemKey) {
        assertNone(where, text);
        String body = pemKey.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        for (int i = 0; i + 40 <= body.length(); i += 40) {
            String chunk = body.substring(i, i + 40);
            assertFalse(text.contains(chunk), where + " contains part of the private key");
        }
    }
}
