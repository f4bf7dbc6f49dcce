package io.raftlens.config.value;

import java.util.regex.Pattern;

/** {@code ${VAR}} / {@code $VAR} placeholders left for envsubst; their value is only known at deploy time. */
public final class Placeholders {

    private static final Pattern VAR = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(:?[-=?+][^}]*)?}|\\$[A-Za-z_][A-Za-z0-9_]*");

    private Placeholders() {
    }

    public static boolean contains(String text) {
        return text != null && text.indexOf('$') >= 0 && VAR.matcher(text).find();
    }
}
