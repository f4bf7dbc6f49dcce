package io.raftlens.lsp.cli;

import java.io.Console;
import java.util.Map;

/**
 * How {@code raftlens launch} may draw on its standard output: a terminal that understands cursor movement gets
 * the live table pinned below the log and redrawn in place; anything else (a pipe, a file, CI, {@code TERM=dumb})
 * gets plain change lines. Colour only on such a terminal and only without {@code NO_COLOR} (no-color.org).
 */
record Terminal(boolean pinned, boolean color) {

    /** From whether stdout is a terminal and the environment ({@code TERM}, {@code NO_COLOR}). */
    static Terminal of(boolean stdoutIsTerminal, Map<String, String> env) {
        boolean pinned = stdoutIsTerminal && !"dumb".equals(env.get("TERM"));
        String noColor = env.get("NO_COLOR");
        return new Terminal(pinned, pinned && (noColor == null || noColor.isEmpty()));
    }

    /** This process's terminal. */
    static Terminal detect() {
        return of(stdoutIsTerminal(), System.getenv());
    }

    /**
     * Java 17 returns a console only when stdin and stdout are terminals; from Java 22 a console may exist for
     * redirected streams too, and {@code Console.isTerminal()} tells.
     */
    private static boolean stdoutIsTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
