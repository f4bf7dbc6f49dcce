package io.raftlens.lsp.live;

import io.raftlens.raft.logs.Timeline;
import io.raftlens.raft.logs.TimelineReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Election timelines read from orderer log files for an open configtx.yaml ({@code raftlens.timelineFromLogs}):
 * the last one per document, whose findings {@link LogTimelineDiagnostics} puts on the matching consenters.
 */
final class LogTimelines {

    private final Map<String, Timeline> byUri = new ConcurrentHashMap<>();

    Timeline read(String uri, List<String> logs, String channel) {
        if (logs.isEmpty()) {
            throw new IllegalArgumentException(LiveCommands.TIMELINE_FROM_LOGS + ": \"logs\" (orderer log file paths) is missing");
        }
        Timeline t = new Timeline(channel);
        for (String log : logs) {
            Path p = Path.of(log.startsWith("file:") ? java.net.URI.create(log).getPath() : log);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("no such log file: " + p);
            }
            try {
                TimelineReader.read(p, t);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + p + ": " + e.getMessage());
            }
        }
        t.finish();
        byUri.put(uri, t);
        return t;
    }

    Optional<Timeline> of(String uri) {
        return Optional.ofNullable(byUri.get(uri));
    }

    void clear(String uri) {
        byUri.remove(uri);
    }
}
