package io.raftlens.raft.logs;

import java.util.List;

/** The timeline for a terminal ({@code text}) or a document ({@code markdown}). */
public final class TimelineText {

    private TimelineText() {
    }

    /** Plain text: one block per channel, one line per event, findings last. */
    public static String text(Timeline timeline) {
        StringBuilder s = new StringBuilder();
        if (timeline.channels().isEmpty()) {
            return "no election events found in " + timeline.lines() + " lines\n";
        }
        for (ChannelTimeline ch : timeline.channels()) {
            s.append("channel ").append(ch.name()).append(": nodes ").append(String.join(", ", ch.nodes()));
            if (ch.firstTime() != DecodedLine.NO_TIME) {
                s.append(", ").append(TimeText.full(ch.firstTime())).append(" – ").append(TimeText.clock(ch.lastTime())).append(" UTC");
            }
            s.append('\n');
            if (!ch.elections().isEmpty()) {
                s.append("  elections\n");
                for (Election e : ch.elections()) {
                    s.append("    ").append(TimeText.clock(e.startTime())).append("  node ").append(e.node())
                            .append(" at term ").append(e.term()).append(e.transfer() ? " (transfer)" : "").append(": ");
                    if (e.usedPreVote()) {
                        s.append("pre-votes ").append(e.preVotesGranted()).append(" granted/").append(e.preVotesRejected()).append(" rejected, ");
                    }
                    if (e.isCandidate()) {
                        s.append("candidate at term ").append(e.candidateTerm()).append(", votes ").append(e.votesGranted())
                                .append(" granted/").append(e.votesRejected()).append(" rejected, ");
                    }
                    s.append(outcome(e)).append('\n');
                }
            }
            for (ChannelTimeline.LeaderChange c : ch.leaderChanges()) {
                s.append(line(c.time(), "node " + c.node() + ": leader " + c.from() + " → " + c.to() + term(c.term())));
            }
            for (ChannelTimeline.LostLeader l : ch.lostLeader()) {
                s.append(line(l.time(), "node " + l.node() + " lost leader " + l.leader() + term(l.term())));
            }
            for (ChannelTimeline.RejectedVote r : ch.rejectedPreVotes()) {
                s.append(line(r.time(), "node " + r.by() + " rejected the pre-vote of node " + r.from() + term(r.term())));
            }
            for (ChannelTimeline.RejectedVote r : ch.rejectedVotes()) {
                s.append(line(r.time(), "node " + r.by() + " rejected the vote request of node " + r.from() + term(r.term())));
            }
            for (ChannelTimeline.IgnoredVote v : ch.ignoredVotes()) {
                s.append(line(v.time(), "node " + v.by() + " ignored " + v.type() + " from node " + v.from() + ": " + v.reason()));
            }
            for (ChannelTimeline.Transfer t : ch.transfers()) {
                s.append(line(t.time(), "leadership transfer " + t.from() + " → " + t.to() + " (" + t.stage() + ")"));
            }
            for (ChannelTimeline.Eviction ev : ch.evictions()) {
                s.append(line(ev.time(), "node " + ev.node() + " " + ev.detail()));
            }
            for (ChannelTimeline.QuorumLoss q : ch.quorumLosses()) {
                s.append(line(q.time(), "node " + q.node() + ": " + q.detail()));
            }
            List<ChannelTimeline.Finding> findings = ch.findings();
            if (!findings.isEmpty()) {
                s.append("  findings\n");
                for (ChannelTimeline.Finding f : findings) {
                    s.append("    ").append(f.severity().toUpperCase(java.util.Locale.ROOT)).append(' ').append(f.kind())
                            .append(": ").append(f.message()).append('\n');
                }
            }
        }
        return s.toString();
    }

    /** Markdown: a table of campaigns and a table of everything else, per channel, then the findings. */
    public static String markdown(Timeline timeline) {
        StringBuilder s = new StringBuilder();
        if (timeline.channels().isEmpty()) {
            return "_No election events found in " + timeline.lines() + " lines._\n";
        }
        for (ChannelTimeline ch : timeline.channels()) {
            s.append("### Channel `").append(ch.name()).append("`\n\n");
            s.append("Nodes: ").append(String.join(", ", ch.nodes()));
            if (ch.firstTime() != DecodedLine.NO_TIME) {
                s.append(" · ").append(TimeText.full(ch.firstTime())).append(" – ").append(TimeText.clock(ch.lastTime())).append(" UTC");
            }
            s.append("\n\n");
            if (!ch.elections().isEmpty()) {
                s.append("| started (UTC) | node | term | pre-votes ✓/✗ | candidate term | votes ✓/✗ | outcome | took |\n")
                        .append("|---|---|---|---|---|---|---|---|\n");
                for (Election e : ch.elections()) {
                    s.append("| ").append(TimeText.clock(e.startTime())).append(" | ").append(e.node()).append(" | ")
                            .append(e.term()).append(e.transfer() ? " (transfer)" : "").append(" | ")
                            .append(e.usedPreVote() ? e.preVotesGranted() + " / " + e.preVotesRejected() : "").append(" | ")
                            .append(e.isCandidate() ? String.valueOf(e.candidateTerm()) : "").append(" | ")
                            .append(e.isCandidate() ? e.votesGranted() + " / " + e.votesRejected() : "").append(" | ")
                            .append(e.outcome() == Election.Outcome.WON ? "**leader at term " + e.leaderTerm() + "**"
                                    : e.outcome().label() + (e.endReason() == null ? "" : " (" + e.endReason() + ")"))
                            .append(" | ").append(TimeText.duration(e.durationMs())).append(" |\n");
                }
                s.append('\n');
            }
            StringBuilder rows = new StringBuilder();
            for (ChannelTimeline.LeaderChange c : ch.leaderChanges()) {
                row(rows, c.time(), c.node(), "leader " + c.from() + " → " + c.to(), c.term());
            }
            for (ChannelTimeline.LostLeader l : ch.lostLeader()) {
                row(rows, l.time(), l.node(), "lost leader " + l.leader(), l.term());
            }
            for (ChannelTimeline.RejectedVote r : ch.rejectedPreVotes()) {
                row(rows, r.time(), r.by(), "rejected pre-vote of " + r.from(), r.term());
            }
            for (ChannelTimeline.RejectedVote r : ch.rejectedVotes()) {
                row(rows, r.time(), r.by(), "rejected vote request of " + r.from(), r.term());
            }
            for (ChannelTimeline.IgnoredVote v : ch.ignoredVotes()) {
                row(rows, v.time(), v.by(), "ignored " + v.type() + " from " + v.from() + ": " + v.reason(), v.term());
            }
            for (ChannelTimeline.Transfer t : ch.transfers()) {
                row(rows, t.time(), t.to(), "leadership transfer " + t.from() + " → " + t.to() + " (" + t.stage() + ")", t.term());
            }
            for (ChannelTimeline.Eviction ev : ch.evictions()) {
                row(rows, ev.time(), ev.node(), ev.detail(), -1);
            }
            for (ChannelTimeline.QuorumLoss q : ch.quorumLosses()) {
                row(rows, q.time(), q.node(), q.detail(), -1);
            }
            if (rows.length() > 0) {
                s.append("| time (UTC) | node | event | term |\n|---|---|---|---|\n").append(rows).append('\n');
            }
            if (!ch.findings().isEmpty()) {
                s.append("**Findings**\n\n");
                for (ChannelTimeline.Finding f : ch.findings()) {
                    s.append("- **").append(f.severity()).append("** `").append(f.kind()).append("`: ")
                            .append(f.message().replace("|", "\\|")).append('\n');
                }
                s.append('\n');
            }
        }
        return s.toString();
    }

    private static void row(StringBuilder rows, long time, String node, String event, long term) {
        rows.append("| ").append(TimeText.clock(time)).append(" | ").append(node).append(" | ").append(event.replace("|", "\\|"))
                .append(" | ").append(term < 0 ? "" : String.valueOf(term)).append(" |\n");
    }

    private static String outcome(Election e) {
        return switch (e.outcome()) {
            case WON -> "WON, leader at term " + e.leaderTerm()
                    + (e.durationMs() >= 0 ? " after " + TimeText.duration(e.durationMs()) : "");
            case LOST -> "lost (" + e.endReason() + ")";
            case TIMED_OUT -> "timed out (" + e.endReason() + ")";
            case UNFINISHED -> "unfinished when the log ends";
        };
    }

    private static String line(long time, String what) {
        return "    " + TimeText.clock(time) + "  " + what + "\n";
    }

    private static String term(long term) {
        return term < 0 ? "" : " at term " + term;
    }
}
