package io.raftlens.raft.chaos;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Snapshot catch-ups as the nodes log them (Fabric's lines): a node behind a snapshot logs
 * {@code Catching up with snapshot taken at block [T], starting from block [F]} (again on each retry), pulls
 * blocks F…T from other consenters, then {@code Finished syncing with cluster up to and including block [T]}.
 */
record CatchUps(int completed, long blocksPulled) {

    private static final Pattern START = Pattern.compile(
            "Catching up with snapshot taken at block \\[(\\d+)], starting from block \\[(\\d+)].* node=(\\d+)");
    private static final Pattern DONE = Pattern.compile(
            "Finished syncing with cluster up to and including block \\[(\\d+)].* node=(\\d+)");

    static final CatchUps NONE = new CatchUps(0, 0);

    /** Completed catch-ups in {@code lines} (one node's or many, in log order) and the blocks each pulled. */
    static CatchUps in(Iterable<String> lines) {
        Map<String, Long> firstFrom = new HashMap<>(); // node/target -> the block the first attempt started from
        int completed = 0;
        long blocks = 0;
        for (String line : lines) {
            Matcher s = START.matcher(line);
            if (s.find()) {
                firstFrom.putIfAbsent(s.group(3) + "/" + s.group(1), Long.parseLong(s.group(2)));
                continue;
            }
            Matcher d = DONE.matcher(line);
            if (d.find()) {
                Long from = firstFrom.remove(d.group(2) + "/" + d.group(1));
                if (from != null) {
                    completed++;
                    blocks += Long.parseLong(d.group(1)) - from + 1;
                }
            }
        }
        return new CatchUps(completed, blocks);
    }

    CatchUps plus(CatchUps other) {
        return new CatchUps(completed + other.completed, blocksPulled + other.blocksPulled);
    }
}
