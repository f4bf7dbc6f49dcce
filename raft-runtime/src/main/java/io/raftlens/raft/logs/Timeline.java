package io.raftlens.raft.logs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The election timelines of every channel seen in the logs read, optionally only one channel. */
public final class Timeline {

    private final String onlyChannel;
    private final Map<String, ChannelTimeline> channels = new TreeMap<>();
    private long lines;
    private long bytes;
    private long events;
    private long seq;

    /** @param onlyChannel keep only this channel, or {@code null} for all */
    public Timeline(String onlyChannel) {
        this.onlyChannel = onlyChannel;
    }

    /** Reads one raw line (as written by the orderer, or by docker/kubectl around it). */
    public void line(String raw, String source) {
        lines++;
        bytes += raw.length() + 1;
        if (LineDecoder.mayMatter(raw)) {
            decoded(LineDecoder.decodeCandidate(raw, source), source);
        }
    }

    /** A line {@link TimelineReader} already found worth decoding. */
    void candidateLine(String raw, String source) {
        lines++;
        bytes += raw.length() + 1;
        decoded(LineDecoder.decodeCandidate(raw, source), source);
    }

    private void decoded(DecodedLine d, String source) {
        if (d == null) {
            return;
        }
        LogEvent e = RaftLogMessages.recognise(d, seq++, source);
        if (e != null) {
            accept(e);
        }
    }

    /** A line the reader skipped without decoding (it cannot matter): counted, nothing else. */
    void countSkipped(long length) {
        lines++;
        bytes += length;
    }

    public void accept(LogEvent e) {
        if (onlyChannel != null && !onlyChannel.equals(e.channel())) {
            return;
        }
        events++;
        channels.computeIfAbsent(e.channel(), ChannelTimeline::new).accept(e);
    }

    /** Ends every open campaign and works out the findings; call once, after the last line. */
    public Timeline finish() {
        channels.values().forEach(ChannelTimeline::finish);
        return this;
    }

    public List<ChannelTimeline> channels() {
        return List.copyOf(channels.values());
    }

    public ChannelTimeline channel(String name) {
        return channels.get(name);
    }

    public long lines() {
        return lines;
    }

    /** Characters read (a close proxy for bytes: logs are ASCII). */
    public long bytes() {
        return bytes;
    }

    public long events() {
        return events;
    }
}
