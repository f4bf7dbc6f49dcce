package io.raftlens.lsp.cli;

import io.raftlens.raft.network.NetworkSnapshot;
import io.raftlens.raft.network.NetworkTable;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The live table where the output is not a terminal (a pipe, a file, CI): one compact line per channel whenever
 * a role, term or leader changes; heights alone at most every {@value #HEIGHTS_EVERY_MS} ms so a busy network
 * does not flood the log. No escape codes.
 */
final class ChangeLines implements LiveTable.View {

    static final long HEIGHTS_EVERY_MS = 5_000;

    private final PrintStream out;
    private final LongSupplier millis;
    private final Map<String, String> lastLine = new HashMap<>();
    private final Map<String, Long> lastPrint = new HashMap<>();

    ChangeLines(PrintStream out, LongSupplier millis) {
        this.out = out;
        this.millis = millis;
    }

    @Override
    public synchronized boolean show(NetworkSnapshot network) {
        boolean heightsPending = false;
        long now = millis.getAsLong();
        for (String ch : network.channels()) {
            String line = NetworkTable.compact(network, ch);
            String last = lastLine.get(ch);
            if (line.equals(last)) {
                continue;
            }
            boolean shapeChanged = last == null || !withoutHeights(line).equals(withoutHeights(last));
            if (shapeChanged || now - lastPrint.get(ch) >= HEIGHTS_EVERY_MS) {
                out.println(line);
                lastLine.put(ch, line);
                lastPrint.put(ch, now);
            } else {
                heightsPending = true;
            }
        }
        out.flush();
        return heightsPending;
    }

    private static String withoutHeights(String line) {
        return line.replaceAll(" h\\d+", "");
    }
}
