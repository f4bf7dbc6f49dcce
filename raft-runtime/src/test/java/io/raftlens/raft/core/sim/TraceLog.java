package io.raftlens.raft.core.sim;

import io.raftlens.raft.core.RaftLogger;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last events of a simulation run — driver actions and every node's raft log lines — kept only when
 * tracing (a replayed seed), so that the thousands of seeds of a CI run pay nothing for it.
 */
final class TraceLog {
    private final int capacity;
    private final Deque<String> lines = new ArrayDeque<>();

    TraceLog(int capacity) {
        this.capacity = capacity;
    }

    boolean enabled() {
        return capacity > 0;
    }

    void add(String line) {
        if (capacity == 0) {
            return;
        }
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    String dump() {
        return String.join("\n", lines);
    }

    private void log(LongSupplierTick clock, String level, String line) {
        if (capacity > 0) {
            add("t" + clock.now() + " " + level + " " + line);
        }
    }

    /** The raft logger of one node, feeding this trace. */
    RaftLogger logger(LongSupplierTick clock) {
        return new RaftLogger() {
            @Override public void debug(String line) { log(clock, "DEBUG", line); }
            @Override public void info(String line) { log(clock, "INFO", line); }
            @Override public void warn(String line) { log(clock, "WARN", line); }
            @Override public void error(String line) { log(clock, "ERROR", line); }
            @Override public boolean isDebugEnabled() { return enabled(); }
        };
    }

    /** The simulation clock, for time-stamping lines. */
    @FunctionalInterface
    interface LongSupplierTick {
        long now();
    }
}
