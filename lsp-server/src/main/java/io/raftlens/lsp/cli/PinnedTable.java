package io.raftlens.lsp.cli;

import io.raftlens.raft.network.NetworkSnapshot;
import io.raftlens.raft.network.NetworkTable;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The live table on a terminal: kept below everything else and redrawn in place. Log lines are written through
 * {@link #log}, which erases the table, writes the lines (they scroll up like any log) and draws the table again,
 * all under one lock so a line and the table never interleave.
 *
 * <p>Erasing: after the table the cursor is at the start of the line below it; {@code ESC[nA} moves it up to the
 * table's first line and {@code ESC[J} clears from there to the end of the screen.
 */
final class PinnedTable implements LiveTable.View {

    private final PrintStream screen;
    private final boolean color;
    private String drawn = "";
    private int drawnLines;
    private boolean pinned = true;

    PinnedTable(PrintStream screen, boolean color) {
        this.screen = screen;
        this.color = color;
    }

    @Override
    public synchronized boolean show(NetworkSnapshot network) {
        String table = NetworkTable.render(network, color);
        if (pinned && !table.equals(drawn)) {
            screen.print(erase() + table);
            screen.flush();
            drawn = table;
            drawnLines = (int) table.chars().filter(c -> c == '\n').count();
        }
        return false;
    }

    /** Writes complete log lines to {@code target} above the table. */
    synchronized void log(byte[] lines, int off, int len, PrintStream target) {
        if (!pinned || drawnLines == 0) {
            target.write(lines, off, len);
            target.flush();
            return;
        }
        screen.print(erase());
        screen.flush();
        target.write(lines, off, len);
        target.flush();
        screen.print(drawn);
        screen.flush();
    }

    /** Leaves the table as last drawn and stops redrawing it (shutting down): later lines simply scroll. */
    synchronized void unpin() {
        pinned = false;
    }

    private String erase() {
        return drawnLines == 0 ? "" : "\033[" + drawnLines + "A\033[J";
    }

    /** System.err for a pinned table: collects bytes into whole lines and writes them through {@link #log}. */
    static final class LogLines extends java.io.OutputStream {
        private final PinnedTable table;
        private final PrintStream target;
        private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();

        LogLines(PinnedTable table, PrintStream target) {
            this.table = table;
            this.target = target;
        }

        /** A PrintStream (UTF-8, flushing on newline) for {@link System#setErr}. */
        PrintStream printStream() {
            return new PrintStream(this, true, StandardCharsets.UTF_8);
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int lastNewline = -1;
            for (int i = off + len - 1; i >= off; i--) {
                if (b[i] == '\n') {
                    lastNewline = i;
                    break;
                }
            }
            if (lastNewline < 0) {
                partial.write(b, off, len);
                return;
            }
            partial.write(b, off, lastNewline + 1 - off);
            byte[] lines = partial.toByteArray();
            partial.reset();
            partial.write(b, lastNewline + 1, off + len - lastNewline - 1);
            table.log(lines, 0, lines.length, target);
        }

        @Override
        public synchronized void close() {
            if (partial.size() > 0) {
                byte[] rest = partial.toByteArray();
                partial.reset();
                table.log(rest, 0, rest.length, target);
            }
        }
    }
}
