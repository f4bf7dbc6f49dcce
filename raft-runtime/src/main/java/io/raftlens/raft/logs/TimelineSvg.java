package io.raftlens.raft.logs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The election story as a picture: per channel, one lane per node; the lane is coloured by the node's role
 * (follower, pre-candidate, candidate, leader) with the term written where it changes; a triangle marks a campaign
 * start, a star the win; votes are arrows from voter to candidate (green granted, red dashed refused, grey ignored).
 * The x axis is the order of events (by time, then by input order) so that a 2 ms election and the minutes
 * between elections are both readable; times label the axis.
 */
public final class TimelineSvg {

    private static final int LEFT = 130;
    private static final int LANE = 46;
    private static final int TOP = 56;
    private static final String FOLLOWER = "#d0d7de";
    private static final String PRE_CANDIDATE = "#f5c26b";
    private static final String CANDIDATE = "#f0883e";
    private static final String LEADER = "#2da44e";

    private TimelineSvg() {
    }

    private record Point(long time, long seq) {
    }

    public static String svg(Timeline timeline) {
        List<String> parts = new ArrayList<>();
        int width = 900;
        int height = 0;
        List<int[]> sizes = new ArrayList<>();
        for (ChannelTimeline ch : timeline.channels()) {
            StringBuilder body = new StringBuilder();
            int[] size = channel(ch, body, height);
            parts.add(body.toString());
            width = Math.max(width, size[0]);
            height += size[1];
            sizes.add(size);
        }
        if (parts.isEmpty()) {
            height = 60;
            parts.add("<text x=\"20\" y=\"36\" class=\"t\">no election events found in " + timeline.lines() + " lines</text>");
        }
        int legendY = height + 10;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(legendY + 40)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(legendY + 40).append("\" font-family=\"sans-serif\">\n");
        s.append("<style>.t{font-size:12px;fill:#24292f}.s{font-size:10px;fill:#57606a}.h{font-size:15px;font-weight:bold;fill:#24292f}</style>\n");
        s.append("<defs><marker id=\"ok\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#1a7f37\"/></marker>"
                + "<marker id=\"no\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#cf222e\"/></marker></defs>\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        parts.forEach(s::append);
        legend(s, legendY);
        s.append("</svg>\n");
        return s.toString();
    }

    private static void legend(StringBuilder s, int y) {
        int x = 20;
        String[][] roles = {{FOLLOWER, "follower"}, {PRE_CANDIDATE, "pre-candidate"}, {CANDIDATE, "candidate"}, {LEADER, "leader"}};
        for (String[] r : roles) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/>", x, y, r[0]));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"t\">%s</text>", x + 18, y + 12, r[1]));
            x += 30 + r[1].length() * 7;
        }
        s.append(String.format(Locale.ROOT, "<path d=\"M%d,%d l8,-12 l8,12 z\" fill=\"#24292f\"/><text x=\"%d\" y=\"%d\" class=\"t\">campaign starts</text>",
                x, y + 13, x + 20, y + 12));
        x += 125;
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"16\" fill=\"#ffd33d\" stroke=\"#24292f\" stroke-width=\"0.8\">★</text><text x=\"%d\" y=\"%d\" class=\"t\">won</text>",
                x, y + 13, x + 14, y + 12));
        x += 50;
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#1a7f37\" marker-end=\"url(#ok)\"/>"
                + "<text x=\"%d\" y=\"%d\" class=\"t\">vote granted</text>", x, y + 7, x + 24, y + 7, x + 30, y + 12));
        x += 115;
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#cf222e\" stroke-dasharray=\"4 2\" marker-end=\"url(#no)\"/>"
                + "<text x=\"%d\" y=\"%d\" class=\"t\">refused</text>", x, y + 7, x + 24, y + 7, x + 30, y + 12));
        x += 85;
        s.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"none\" stroke=\"#57606a\"/>"
                + "<text x=\"%d\" y=\"%d\" class=\"t\">ignored (lease)</text>", x + 5, y + 7, x + 14, y + 12));
    }

    /** Draws one channel at vertical offset {@code y0}; returns {width, height}. */
    private static int[] channel(ChannelTimeline ch, StringBuilder s, int y0) {
        List<String> nodes = ch.nodes();
        Map<String, Integer> lane = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            lane.put(nodes.get(i), i);
        }
        // Every drawn point, ordered by time (then input order): the x axis.
        List<Point> points = new ArrayList<>();
        for (String n : nodes) {
            ch.roles(n).forEach(r -> points.add(new Point(r.time(), r.seq())));
        }
        ch.elections().forEach(e -> points.add(new Point(e.startTime(), e.startSeq())));
        ch.voteMarks().forEach(v -> points.add(new Point(v.time(), v.seq())));
        ch.ignoredVotes().forEach(v -> points.add(new Point(v.time(), v.seq())));
        ch.lostLeader().forEach(v -> points.add(new Point(v.time(), v.seq())));
        ch.leaderChanges().forEach(v -> points.add(new Point(v.time(), v.seq())));
        boolean timed = points.stream().allMatch(p -> p.time() != DecodedLine.NO_TIME);
        points.sort((a, b) -> timed && a.time() != b.time() ? Long.compare(a.time(), b.time()) : Long.compare(a.seq(), b.seq()));
        Map<Long, Integer> rank = new HashMap<>();
        for (Point p : points) {
            rank.putIfAbsent(p.seq(), rank.size());
        }
        int n = Math.max(1, rank.size());
        double step = Math.max(4, Math.min(34, 3400.0 / n));
        int width = (int) Math.max(900, LEFT + (n + 1) * step + 40);
        int end = width - 30;
        int height = TOP + nodes.size() * LANE + 40;
        java.util.function.LongFunction<Double> x = seq -> LEFT + 10 + rank.getOrDefault(seq, 0) * step;
        java.util.function.Function<String, Integer> laneY = node -> y0 + TOP + lane.getOrDefault(node, 0) * LANE;

        s.append(String.format(Locale.ROOT, "<g><text x=\"20\" y=\"%d\" class=\"h\">channel %s</text>", y0 + 26, esc(ch.name())));
        if (ch.firstTime() != DecodedLine.NO_TIME) {
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"s\">%s – %s UTC · x axis: events in time order</text>",
                    40 + (8 + ch.name().length()) * 9, y0 + 26, TimeText.full(ch.firstTime()), TimeText.clock(ch.lastTime())));
        }
        for (String node : nodes) {
            int y = laneY.apply(node);
            s.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"%d\" class=\"t\">node %s</text>", y + 20, esc(node)));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"26\" fill=\"#f6f8fa\"/>", LEFT, y + 4, end - LEFT));
            List<ChannelTimeline.RoleChange> roles = new ArrayList<>(ch.roles(node));
            roles.sort((a, b) -> Integer.compare(rank.getOrDefault(a.seq(), 0), rank.getOrDefault(b.seq(), 0)));
            long lastTerm = -1;
            for (int i = 0; i < roles.size(); i++) {
                ChannelTimeline.RoleChange r = roles.get(i);
                double x1 = x.apply(r.seq());
                double x2 = i + 1 < roles.size() ? x.apply(roles.get(i + 1).seq()) : end;
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"26\" fill=\"%s\"><title>node %s %s at term %d%s</title></rect>",
                        x1, y + 4, Math.max(1, x2 - x1), color(r.role()), esc(node), r.role(), r.term(),
                        r.time() == DecodedLine.NO_TIME ? "" : " from " + TimeText.clock(r.time())));
                if (r.term() != lastTerm) {
                    s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"s\">t%d</text>", x1 + 2, y + 2, r.term()));
                    lastTerm = r.term();
                }
            }
        }
        for (Election e : ch.elections()) {
            double ex = x.apply(e.startSeq());
            int y = laneY.apply(e.node());
            s.append(String.format(Locale.ROOT, "<path d=\"M%.1f,%d l-6,9 l12,0 z\" fill=\"#24292f\"><title>node %s starts an election at term %d%s: %s</title></path>",
                    ex, y + 30, esc(e.node()), e.term(), e.transfer() ? " (leadership transfer)" : "",
                    e.outcome() == Election.Outcome.WON ? "won, leader at term " + e.leaderTerm() : e.outcome().label()));
            if (e.outcome() == Election.Outcome.WON) {
                double wx = x.apply(e.endSeq());
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"16\" fill=\"#ffd33d\" stroke=\"#24292f\" stroke-width=\"0.8\" text-anchor=\"middle\">★<title>node %s leader at term %d%s</title></text>",
                        wx, y + 23, esc(e.node()), e.leaderTerm(),
                        e.durationMs() >= 0 ? " after " + TimeText.duration(e.durationMs()) : ""));
            }
        }
        for (ChannelTimeline.VoteMark v : ch.voteMarks()) {
            if (!lane.containsKey(v.candidate())) {
                continue;
            }
            double vx = x.apply(v.seq());
            int from = laneY.apply(v.voter()) + 17;
            int to = laneY.apply(v.candidate()) + 17;
            int dir = Integer.compare(to, from);
            String style = v.granted() ? "stroke=\"#1a7f37\" marker-end=\"url(#ok)\"" : "stroke=\"#cf222e\" stroke-dasharray=\"4 2\" marker-end=\"url(#no)\"";
            if ("MsgPreVote".equals(v.type()) && v.granted()) {
                style += " stroke-dasharray=\"2 2\"";
            }
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke-width=\"1.5\" %s><title>node %s %s %s %s node %s at term %d</title></line>",
                    vx, from, vx + 3, to - dir * 12, style, esc(v.voter()), v.granted() ? "granted" : "refused",
                    "MsgPreVote".equals(v.type()) ? "a pre-vote" : "a vote", v.granted() ? "to" : "of", esc(v.candidate()), v.term()));
        }
        for (ChannelTimeline.IgnoredVote v : ch.ignoredVotes()) {
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"4\" fill=\"none\" stroke=\"#57606a\"><title>node %s ignored %s from node %s: %s</title></circle>",
                    x.apply(v.seq()), laneY.apply(v.by()) + 17, esc(v.by()), v.type(), esc(v.from()), esc(v.reason())));
        }
        for (ChannelTimeline.LostLeader l : ch.lostLeader()) {
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"t\" fill=\"#cf222e\" text-anchor=\"middle\">✕<title>node %s lost leader %s at term %d</title></text>",
                    x.apply(l.seq()), laneY.apply(l.node()) + 22, esc(l.node()), esc(l.leader()), l.term()));
        }
        // Time labels under the lanes, at most 6.
        if (timed && !points.isEmpty()) {
            int labels = Math.min(6, points.size());
            int axisY = y0 + TOP + nodes.size() * LANE + 12;
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < labels; i++) {
                idx.add(labels == 1 ? 0 : (int) Math.round(i * (points.size() - 1) / (double) (labels - 1)));
            }
            Collections.sort(idx);
            int lastX = -1000;
            for (int i : idx) {
                Point p = points.get(i);
                double px = x.apply(p.seq());
                if (px - lastX < 90) {
                    continue;
                }
                lastX = (int) px;
                s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#8c959f\"/><text x=\"%.1f\" y=\"%d\" class=\"s\" text-anchor=\"middle\">%s</text>",
                        px, axisY - 6, px, axisY, px, axisY + 12, TimeText.clock(p.time())));
            }
        }
        s.append("</g>\n");
        return new int[] {width, height};
    }

    private static String color(String role) {
        return switch (role) {
            case "leader" -> LEADER;
            case "candidate" -> CANDIDATE;
            case "pre-candidate" -> PRE_CANDIDATE;
            default -> FOLLOWER;
        };
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
