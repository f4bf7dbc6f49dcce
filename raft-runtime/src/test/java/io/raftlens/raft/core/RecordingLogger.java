package io.raftlens.raft.core;

import java.util.ArrayList;
import java.util.List;

/** Collects log lines as "LEVEL line", optionally shared by several nodes (to check cross-node order). */
class RecordingLogger implements RaftLogger {
    final List<String> lines = new ArrayList<>();
    /** Where every node of a network also writes, to check the order across nodes; may be null. */
    private final List<String> shared;

    RecordingLogger() {
        this(null);
    }

    RecordingLogger(List<String> shared) {
        this.shared = shared;
    }

    private void add(String line) {
        lines.add(line);
        if (shared != null) {
            shared.add(line);
        }
    }

    @Override
    public void debug(String line) {
        add("DEBUG " + line);
    }

    @Override
    public void info(String line) {
        add("INFO " + line);
    }

    @Override
    public void warn(String line) {
        add("WARN " + line);
    }

    @Override
    public void error(String line) {
        add("ERROR " + line);
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    /** Lines without the level prefix. */
    List<String> text() {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(l.substring(l.indexOf(' ') + 1));
        }
        return out;
    }

    void clear() {
        lines.clear();
    }
}
