package io.raftlens.raft.core.golden;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.raftlens.raft.core.Ready;
import io.raftlens.raft.core.SoftState;
import io.raftlens.raft.core.pb.ConfChange;
import io.raftlens.raft.core.pb.ConfState;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.HardState;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.Snapshot;

import java.util.List;
import java.util.stream.Collectors;

/**
 * etcd's dump formats from {@code util.go} ({@code DescribeReady}, {@code DescribeMessage}, {@code DescribeEntry},
 * {@code DescribeHardState}, {@code DescribeSnapshot}, {@code DescribeConfState}), character for character, so
 * that the golden scripts can carry etcd's expected output unchanged. Entry data is printed as Go's {@code %q}.
 */
final class Describe {

    private Describe() {
    }

    /** etcd's DescribeReady; "&lt;empty Ready&gt;" has no trailing newline, as in etcd. */
    static String ready(Ready rd) {
        return ready(rd, false);
    }

    /** etcd's DescribeReady; {@code v35}: messages in etcd v3.5's one-line format. */
    static String ready(Ready rd, boolean v35) {
        StringBuilder b = new StringBuilder();
        SoftState ss = rd.softState();
        if (ss != null) {
            b.append("Lead:").append(ss.leader()).append(" State:").append(ss.role().etcdName()).append('\n');
        }
        HardState hs = rd.hardState();
        if (hs != null && !hs.equals(HardState.getDefaultInstance())) {
            b.append("HardState ").append(hardState(hs)).append('\n');
        }
        if (!rd.entries().isEmpty()) {
            b.append("Entries:\n").append(entries(rd.entries()));
        }
        Snapshot snap = rd.snapshot();
        if (snap != null && snap.getMetadata().getIndex() != 0) {
            b.append("Snapshot ").append(snapshot(snap)).append('\n');
        }
        if (!rd.committedEntries().isEmpty()) {
            b.append("CommittedEntries:\n").append(entries(rd.committedEntries()));
        }
        if (!rd.messages().isEmpty()) {
            b.append("Messages:\n");
            for (Message m : rd.messages()) {
                b.append(message(m, v35)).append('\n');
            }
        }
        if (b.isEmpty()) {
            return "<empty Ready>";
        }
        return "Ready MustSync=" + rd.mustSync() + ":\n" + b;
    }

    static String hardState(HardState hs) {
        StringBuilder b = new StringBuilder("Term:").append(hs.getTerm());
        if (hs.getVote() != 0) {
            b.append(" Vote:").append(hs.getVote());
        }
        return b.append(" Commit:").append(hs.getCommit()).toString();
    }

    /** etcd's describeMessageWithIndent with no indent (RaftLens has no MsgStorage* responses). */
    static String message(Message m) {
        return message(m, false);
    }

    /**
     * etcd's DescribeMessage; {@code v35}: etcd v3.5's, which writes everything on one line (entries joined by
     * ", ", the snapshot after a space).
     */
    static String message(Message m, boolean v35) {
        StringBuilder b = new StringBuilder();
        b.append(target(m.getFrom())).append("->").append(target(m.getTo())).append(' ').append(m.getType())
                .append(" Term:").append(m.getTerm()).append(" Log:").append(m.getLogTerm()).append('/')
                .append(m.getIndex());
        if (m.getReject()) {
            b.append(" Rejected (Hint: ").append(m.getRejectHint()).append(')');
        }
        if (m.getCommit() != 0) {
            b.append(" Commit:").append(m.getCommit());
        }
        List<Entry> ents = m.getEntriesList();
        if (v35) {
            if (!ents.isEmpty()) {
                b.append(" Entries:[");
                for (int i = 0; i < ents.size(); i++) {
                    b.append(i == 0 ? "" : ", ").append(entry(ents.get(i)));
                }
                b.append(']');
            }
            if (m.hasSnapshot() && m.getSnapshot().getMetadata().getIndex() != 0) {
                b.append(" Snapshot: ").append(snapshot(m.getSnapshot()));
            }
            return b.toString();
        }
        if (ents.size() == 1) {
            b.append(" Entries:[").append(entry(ents.get(0))).append(']');
        } else if (ents.size() > 1) {
            b.append(" Entries:[");
            for (Entry e : ents) {
                b.append("\n  ").append(entry(e));
            }
            b.append("\n]");
        }
        if (m.hasSnapshot() && m.getSnapshot().getMetadata().getIndex() != 0) {
            b.append("\n  Snapshot: ").append(snapshot(m.getSnapshot()));
        }
        return b.toString();
    }

    private static String target(long id) {
        return id == 0 ? "None" : Long.toHexString(id);
    }

    static String entries(List<Entry> ents) {
        StringBuilder b = new StringBuilder();
        for (Entry e : ents) {
            b.append(entry(e)).append('\n');
        }
        return b.toString();
    }

    /** etcd's DescribeEntry with the default formatter: {@code 1/3 EntryNormal "data"}, conf changes as "v2". */
    static String entry(Entry e) {
        String formatted = switch (e.getType()) {
            case EntryNormal -> quote(e.getData());
            case EntryConfChange -> confChange(e.getData());
            default -> "";
        };
        if (!formatted.isEmpty()) {
            formatted = " " + formatted;
        }
        return e.getTerm() + "/" + e.getIndex() + " " + e.getType() + formatted;
    }

    /** etcd's ConfChangesToString for a V1 change: "v2" add, "r2" remove, "u2" update. */
    private static String confChange(ByteString data) {
        try {
            ConfChange cc = ConfChange.parseFrom(data);
            String prefix = switch (cc.getType()) {
                case ConfChangeAddNode -> "v";
                case ConfChangeRemoveNode -> "r";
                case ConfChangeUpdateNode -> "u";
                default -> "unknown";
            };
            return prefix + cc.getNodeId();
        } catch (InvalidProtocolBufferException ex) {
            return ex.getMessage();
        }
    }

    static String snapshot(Snapshot s) {
        return "Index:" + s.getMetadata().getIndex() + " Term:" + s.getMetadata().getTerm() + " ConfState:"
                + confState(s.getMetadata().getConfState());
    }

    /** etcd's DescribeConfState; RaftLens has no joint configurations, so the outgoing/next sets are always empty. */
    static String confState(ConfState cs) {
        return "Voters:" + list(cs.getVotersList()) + " VotersOutgoing:[] Learners:" + list(cs.getLearnersList())
                + " LearnersNext:[] AutoLeave:false";
    }

    private static String list(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]"));
    }

    /** Go's {@code %q} of a byte slice (printable ASCII kept, the rest escaped). */
    static String quote(ByteString data) {
        StringBuilder b = new StringBuilder("\"");
        for (byte x : data.toByteArray()) {
            int c = x & 0xff;
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        b.append((char) c);
                    } else {
                        b.append(String.format("\\x%02x", c));
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
