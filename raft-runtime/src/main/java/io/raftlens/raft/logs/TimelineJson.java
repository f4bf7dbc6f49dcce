package io.raftlens.raft.logs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The timeline as JSON, in the shape of the {@code raftlens timeline --format json} contract:
 * {@code {"channels":{"<ch>":{"elections":[…],"leaderChanges":[…],"lostLeader":[…],"rejectedPreVotes":[…],"ignoredVotes":[…],…}}}}.
 * Decimal Raft ids are numbers; etcd's hex member ids are strings. Absent terms and times are {@code null}.
 */
public final class TimelineJson {

    private TimelineJson() {
    }

    public static String write(Timeline timeline) {
        StringWriter out = new StringWriter();
        write(timeline, out);
        return out.toString();
    }

    public static void write(Timeline timeline, Writer out) {
        try (JsonGenerator g = new JsonFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeObjectFieldStart("channels");
            for (ChannelTimeline ch : timeline.channels()) {
                g.writeObjectFieldStart(ch.name());
                channel(g, ch);
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeNumberField("lines", timeline.lines());
            g.writeNumberField("events", timeline.events());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void channel(JsonGenerator g, ChannelTimeline ch) throws IOException {
        g.writeArrayFieldStart("nodes");
        for (String n : ch.nodes()) {
            id(g, n);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("elections");
        for (Election e : ch.elections()) {
            g.writeStartObject();
            idField(g, "node", e.node());
            term(g, "term", e.term());
            g.writeStringField("outcome", e.outcome().label());
            term(g, "leaderTerm", e.leaderTerm());
            g.writeNumberField("preVotesGranted", e.preVotesGranted());
            g.writeNumberField("preVotesRejected", e.preVotesRejected());
            g.writeNumberField("votesGranted", e.votesGranted());
            g.writeNumberField("votesRejected", e.votesRejected());
            g.writeBooleanField("preVote", e.usedPreVote());
            term(g, "candidateTerm", e.candidateTerm());
            g.writeStringField("trigger", e.transfer() ? "transfer" : "timeout");
            time(g, "start", e.startTime());
            time(g, "end", e.endTime());
            term(g, "durationMs", e.durationMs());
            term(g, "sinceFirstCampaignMs", e.sinceFirstCampaignMs());
            ids(g, "preVoteGrantedBy", e.preVoteGrantedBy());
            ids(g, "preVoteRejectedBy", e.preVoteRejectedBy());
            ids(g, "voteGrantedBy", e.voteGrantedBy());
            ids(g, "voteRejectedBy", e.voteRejectedBy());
            if (e.isPartial()) {
                g.writeBooleanField("partial", true);
            }
            if (e.endReason() != null) {
                g.writeStringField("endReason", e.endReason());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("leaderChanges");
        for (ChannelTimeline.LeaderChange c : ch.leaderChanges()) {
            g.writeStartObject();
            idField(g, "node", c.node());
            idField(g, "from", c.from());
            idField(g, "to", c.to());
            term(g, "term", c.term());
            time(g, "time", c.time());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("lostLeader");
        for (ChannelTimeline.LostLeader l : ch.lostLeader()) {
            g.writeStartObject();
            idField(g, "node", l.node());
            idField(g, "leader", l.leader());
            term(g, "term", l.term());
            time(g, "time", l.time());
            g.writeEndObject();
        }
        g.writeEndArray();
        rejected(g, "rejectedPreVotes", ch.rejectedPreVotes());
        rejected(g, "rejectedVotes", ch.rejectedVotes());
        g.writeArrayFieldStart("ignoredVotes");
        for (ChannelTimeline.IgnoredVote v : ch.ignoredVotes()) {
            g.writeStartObject();
            idField(g, "by", v.by());
            idField(g, "from", v.from());
            g.writeStringField("type", v.type());
            g.writeStringField("reason", v.reason());
            term(g, "term", v.term());
            time(g, "time", v.time());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("transfers");
        for (ChannelTimeline.Transfer t : ch.transfers()) {
            g.writeStartObject();
            idField(g, "from", t.from());
            idField(g, "to", t.to());
            term(g, "term", t.term());
            g.writeStringField("stage", t.stage());
            time(g, "time", t.time());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("evictions");
        for (ChannelTimeline.Eviction v : ch.evictions()) {
            g.writeStartObject();
            idField(g, "node", v.node());
            g.writeStringField("stage", v.stage());
            g.writeStringField("detail", v.detail());
            time(g, "time", v.time());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("quorumLost");
        for (ChannelTimeline.QuorumLoss q : ch.quorumLosses()) {
            g.writeStartObject();
            idField(g, "node", q.node());
            g.writeStringField("detail", q.detail());
            time(g, "time", q.time());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("sendFailures");
        for (ChannelTimeline.SendFailure f : ch.sendFailures()) {
            g.writeStartObject();
            idField(g, "node", f.node());
            idField(g, "to", f.to());
            g.writeNumberField("count", f.count());
            time(g, "first", f.firstTime());
            time(g, "last", f.lastTime());
            g.writeStringField("reason", f.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("findings");
        for (ChannelTimeline.Finding f : ch.findings()) {
            g.writeStartObject();
            g.writeStringField("kind", f.kind());
            g.writeStringField("severity", f.severity());
            if (f.node() == null) {
                g.writeNullField("node");
            } else {
                idField(g, "node", f.node());
            }
            time(g, "time", f.time());
            g.writeStringField("message", f.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        Map<String, Long> dropped = ch.dropped();
        if (!dropped.isEmpty()) {
            g.writeObjectFieldStart("dropped");
            for (Map.Entry<String, Long> d : new java.util.TreeMap<>(dropped).entrySet()) {
                g.writeNumberField(d.getKey(), d.getValue());
            }
            g.writeEndObject();
        }
    }

    private static void rejected(JsonGenerator g, String name, List<ChannelTimeline.RejectedVote> list) throws IOException {
        g.writeArrayFieldStart(name);
        for (ChannelTimeline.RejectedVote r : list) {
            g.writeStartObject();
            idField(g, "by", r.by());
            idField(g, "from", r.from());
            term(g, "term", r.term());
            time(g, "time", r.time());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void ids(JsonGenerator g, String name, List<String> ids) throws IOException {
        g.writeArrayFieldStart(name);
        for (String id : ids) {
            id(g, id);
        }
        g.writeEndArray();
    }

    private static void idField(JsonGenerator g, String name, String id) throws IOException {
        g.writeFieldName(name);
        id(g, id);
    }

    private static void id(JsonGenerator g, String id) throws IOException {
        if (id != null && !id.isEmpty() && id.length() < 19 && id.chars().allMatch(Character::isDigit)) {
            g.writeNumber(Long.parseLong(id));
        } else {
            g.writeString(id);
        }
    }

    private static void term(JsonGenerator g, String name, long value) throws IOException {
        if (value < 0) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }

    private static void time(JsonGenerator g, String name, long t) throws IOException {
        String iso = TimeText.iso(t);
        if (iso == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, iso);
        }
    }
}
