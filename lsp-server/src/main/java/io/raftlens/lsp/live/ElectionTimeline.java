package io.raftlens.lsp.live;

import io.raftlens.raft.ids.NodeId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/** The election timeline as a Markdown table: the annotated orderer log of the article, generated. */
public final class ElectionTimeline {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private ElectionTimeline() {
    }

    /** A channel column is added when the network has more than one channel. */
    public static String markdown(List<ElectionJournal.Row> rows, Function<NodeId, String> names, boolean channelColumn) {
        StringBuilder md = new StringBuilder();
        md.append(channelColumn ? "| time (UTC) | channel | node | event | term | votes |\n|---|---|---|---|---|---|\n"
                : "| time (UTC) | node | event | term | votes |\n|---|---|---|---|---|\n");
        for (ElectionJournal.Row r : rows) {
            md.append("| ").append(TIME.format(Instant.ofEpochMilli(r.timeMillis()))).append(" | ");
            if (channelColumn) {
                md.append(r.channel().isEmpty() ? "all" : r.channel()).append(" | ");
            }
            md.append(names.apply(r.node())).append(" | ").append(escape(r.event())).append(" | ")
                    .append(r.term() == 0 ? "" : String.valueOf(r.term())).append(" | ").append(r.votes()).append(" |\n");
        }
        if (rows.isEmpty()) {
            md.append(channelColumn ? "| | | | no elections yet | | |\n" : "| | | no elections yet | | |\n");
        }
        return md.toString();
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
