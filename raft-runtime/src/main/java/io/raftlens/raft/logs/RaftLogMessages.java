package io.raftlens.raft.logs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The election wordings of etcd raft (v3.3 with {@code [quorum:N]} and the older {@code vote} wording, v3.4, v3.5,
 * v3.6+) and of Fabric's etcdraft chain ({@code orderer/consensus/etcdraft/chain.go}, {@code node.go},
 * {@code eviction.go}), recognised in a message. The Raft subject of etcd's lines ({@code %x}) is the node that
 * logged it; Fabric logs etcd's hex ids and its own decimal ones side by side, so ids are normalised here: with a
 * Fabric {@code node=} field, {@code %x} ids are turned into decimal.
 */
public final class RaftLogMessages {

    private static final String ID = "([0-9a-f]+)";
    private static final String VOTE_TYPE = "(MsgPreVote|MsgVote|vote|pre-vote)";

    private static final Pattern ELECTION = Pattern.compile(ID + " is starting a new election at term (\\d+)");
    private static final Pattern ROLE = Pattern.compile(ID + " became (follower|pre-candidate|candidate|leader) at term (\\d+)");
    private static final Pattern REPLY = Pattern.compile(
            ID + " received (MsgPreVoteResp|MsgVoteResp|vote|pre-vote)( rejection)? from " + ID + " at term (\\d+)");
    private static final Pattern TALLY = Pattern.compile(
            ID + " (?:\\[quorum:\\d+\\] )?has received (\\d+) (?:(MsgPreVoteResp|MsgVoteResp) )?votes and (\\d+) vote rejections");
    private static final Pattern DECISION = Pattern.compile(
            ID + " \\[logterm: \\d+, index: \\d+, vote: [0-9a-f]+\\] (cast|rejected) " + VOTE_TYPE + " (?:for|from) " + ID
                    + " \\[logterm: \\d+, index: \\d+\\] at term (\\d+)");
    private static final Pattern IGNORED = Pattern.compile(
            ID + " \\[logterm: \\d+, index: \\d+, vote: [0-9a-f]+\\] ignored " + VOTE_TYPE + " from " + ID
                    + " \\[logterm: \\d+, index: \\d+\\] at term (\\d+): (lease is not expired \\(remaining ticks: \\d+\\))");
    private static final Pattern IGNORED_LOWER = Pattern.compile(
            ID + " \\[term: (\\d+)\\] ignored a (MsgPreVote|MsgVote) message with lower term from " + ID + " \\[term: (\\d+)\\]");
    private static final Pattern HIGHER = Pattern.compile(
            ID + " \\[term: (\\d+)\\] received a (\\w+) message with higher term from " + ID + " \\[term: (\\d+)\\]");
    private static final Pattern ELECTED = Pattern.compile("raft\\.node: " + ID + " elected leader " + ID + " at term (\\d+)");
    private static final Pattern CHANGED = Pattern.compile(
            "raft\\.node: " + ID + " changed leader from " + ID + " to " + ID + " at term (\\d+)");
    private static final Pattern LOST = Pattern.compile("raft\\.node: " + ID + " lost leader " + ID + " at term (\\d+)");
    private static final Pattern FABRIC_CHANGED = Pattern.compile("Raft leader changed: (\\d+) -> (\\d+)");
    private static final Pattern TRANSFER = Pattern.compile(ID + " \\[term (\\d+)\\] starts to transfer leadership to " + ID);
    private static final Pattern FABRIC_TRANSFER = Pattern.compile("Transferring leadership to (\\d+)");
    private static final Pattern TIMEOUT_NOW = Pattern.compile(
            ID + " \\[term (\\d+)\\] received MsgTimeoutNow from " + ID + " and starts an election");
    private static final Pattern TRANSFERRED = Pattern.compile("Leader has been transferred from (\\d+) to (\\d+)");
    private static final Pattern STEPPED_DOWN = Pattern.compile(ID + " stepped down to follower since quorum is not active");
    private static final Pattern NO_LEADER = Pattern.compile("No leader is present, cluster size is (\\d+)");
    private static final Pattern EVICTED = Pattern.compile("Detected our own eviction from the channel in block \\[(\\d+)\\]");
    private static final Pattern SUSPECT = Pattern.compile("Suspecting our own eviction from the channel for (\\S+)");
    private static final Pattern SEND_FAILED = Pattern.compile("Failed to send StepRequest to (\\d+), because: (.*)");

    private RaftLogMessages() {
    }

    /**
     * The event a line states, or {@code null}.
     *
     * @param fallbackNode the node when the line names none of its own (its file or container)
     */
    public static LogEvent recognise(DecodedLine line, long seq, String fallbackNode) {
        String m = line.message();
        String channel = line.channel() == null ? "-" : line.channel();
        boolean fabric = line.fabricFields();
        long t = line.timeMillis();
        String self = line.node() != null ? line.node() : fallbackNode;
        Matcher x;
        // One cheap substring test picks the single pattern worth running (this is the hot path on big logs).
        if (m.contains(" is starting a new election")) {
            if ((x = ELECTION.matcher(m)).find()) {
                return ev(LogEvent.Kind.ELECTION_STARTED, t, seq, channel, id(x.group(1), fabric), null, num(x.group(2)), -1, null, null);
            }
        } else if (m.contains(" became ")) {
            if ((x = ROLE.matcher(m)).find()) {
                return ev(LogEvent.Kind.ROLE, t, seq, channel, id(x.group(1), fabric), null, num(x.group(3)), -1, x.group(2), null);
            }
        } else if (m.contains("raft.node: ")) {
            if ((x = ELECTED.matcher(m)).find()) {
                return ev(LogEvent.Kind.LEADER_CHANGED, t, seq, channel, id(x.group(1), fabric), id(x.group(2), fabric),
                        num(x.group(3)), 0, null, null);
            }
            if ((x = CHANGED.matcher(m)).find()) {
                return ev(LogEvent.Kind.LEADER_CHANGED, t, seq, channel, id(x.group(1), fabric), id(x.group(3), fabric),
                        num(x.group(4)), idNum(x.group(2), fabric), null, id(x.group(2), fabric));
            }
            if ((x = LOST.matcher(m)).find()) {
                return ev(LogEvent.Kind.LEADER_LOST, t, seq, channel, id(x.group(1), fabric), id(x.group(2), fabric),
                        num(x.group(3)), -1, null, null);
            }
        } else if (m.contains("MsgTimeoutNow from")) {
            if ((x = TIMEOUT_NOW.matcher(m)).find()) {
                return ev(LogEvent.Kind.TIMEOUT_NOW, t, seq, channel, id(x.group(1), fabric), id(x.group(3), fabric),
                        num(x.group(2)), -1, null, null);
            }
        } else if (m.contains("with higher term")) {
            if ((x = HIGHER.matcher(m)).find()) {
                return ev(LogEvent.Kind.HIGHER_TERM, t, seq, channel, id(x.group(1), fabric), id(x.group(4), fabric),
                        num(x.group(5)), num(x.group(2)), x.group(3), null);
            }
        } else if (m.contains(" received ")) {
            if ((x = REPLY.matcher(m)).find()) {
                LogEvent.Kind k = x.group(3) != null ? LogEvent.Kind.REPLY_REJECTED : LogEvent.Kind.REPLY_GRANTED;
                return ev(k, t, seq, channel, id(x.group(1), fabric), id(x.group(4), fabric), num(x.group(5)), -1,
                        voteType(x.group(2)), null);
            }
        } else if (m.contains("] cast ") || m.contains("] rejected ")) {
            if ((x = DECISION.matcher(m)).find()) {
                LogEvent.Kind k = x.group(2).equals("cast") ? LogEvent.Kind.VOTE_CAST : LogEvent.Kind.VOTE_REJECTED;
                return ev(k, t, seq, channel, id(x.group(1), fabric), id(x.group(4), fabric), num(x.group(5)), -1,
                        voteType(x.group(3)), null);
            }
        } else if (m.contains("] ignored ")) {
            if ((x = IGNORED.matcher(m)).find()) {
                return ev(LogEvent.Kind.VOTE_IGNORED, t, seq, channel, id(x.group(1), fabric), id(x.group(3), fabric),
                        num(x.group(4)), -1, voteType(x.group(2)), x.group(5));
            }
            if ((x = IGNORED_LOWER.matcher(m)).find()) {
                return ev(LogEvent.Kind.VOTE_IGNORED, t, seq, channel, id(x.group(1), fabric), id(x.group(4), fabric),
                        num(x.group(2)), -1, voteType(x.group(3)),
                        "lower term (" + x.group(5) + " < " + x.group(2) + ")");
            }
        } else if (m.contains("starts to transfer leadership")) {
            if ((x = TRANSFER.matcher(m)).find()) {
                return ev(LogEvent.Kind.TRANSFER_STARTED, t, seq, channel, id(x.group(1), fabric), id(x.group(3), fabric),
                        num(x.group(2)), -1, null, null);
            }
        }
        if (m.contains("eader")) {
            if ((x = FABRIC_CHANGED.matcher(m)).find()) {
                return ev(LogEvent.Kind.FABRIC_LEADER_CHANGED, t, seq, channel, self, x.group(2), -1, num(x.group(1)), null,
                        x.group(1));
            }
            if ((x = FABRIC_TRANSFER.matcher(m)).find()) {
                return ev(LogEvent.Kind.TRANSFER_STARTED, t, seq, channel, self, x.group(1), -1, -1, null, null);
            }
            if ((x = TRANSFERRED.matcher(m)).find()) {
                return ev(LogEvent.Kind.TRANSFER_DONE, t, seq, channel, self, x.group(2), -1, num(x.group(1)), null, x.group(1));
            }
            if ((x = NO_LEADER.matcher(m)).find()) {
                return ev(LogEvent.Kind.QUORUM_LOST, t, seq, channel, self, null, -1, num(x.group(1)), null,
                        "no leader is present, cluster size is " + x.group(1));
            }
        }
        if (m.contains("vote rejections") && (x = TALLY.matcher(m)).find()) {
            return ev(LogEvent.Kind.TALLY, t, seq, channel, id(x.group(1), fabric), null, -1, num(x.group(2)),
                    x.group(3) == null ? null : voteType(x.group(3)), x.group(4));
        }
        if ((x = STEPPED_DOWN.matcher(m)).find()) {
            return ev(LogEvent.Kind.QUORUM_LOST, t, seq, channel, id(x.group(1), fabric), null, -1, -1, null,
                    "stepped down to follower since quorum is not active");
        }
        if (m.contains("evict") || m.contains("replica set")) {
            if ((x = EVICTED.matcher(m)).find()) {
                return ev(LogEvent.Kind.EVICTION, t, seq, channel, self, null, -1, num(x.group(1)), "detected",
                        "detected its own eviction from the channel in block [" + x.group(1) + "]");
            }
            if ((x = SUSPECT.matcher(m)).find()) {
                return ev(LogEvent.Kind.EVICTION, t, seq, channel, self, null, -1, -1, "suspected",
                        "suspects its own eviction from the channel (no leader for " + x.group(1) + ")");
            }
            if (m.contains("This node is being removed from replica set")) {
                return ev(LogEvent.Kind.EVICTION, t, seq, channel, self, null, -1, -1, "removed",
                        "is being removed from the replica set");
            }
            if (m.contains("Detected eviction of ourselves from the configuration")) {
                return ev(LogEvent.Kind.EVICTION, t, seq, channel, self, null, -1, -1, "removed",
                        "detected its eviction from the configuration");
            }
        }
        if (m.contains("Failed to send") && (x = SEND_FAILED.matcher(m)).find()) {
            return ev(LogEvent.Kind.SEND_FAILED, t, seq, channel, self, x.group(1), -1, -1, null, x.group(2));
        }
        return null;
    }

    private static LogEvent ev(LogEvent.Kind k, long t, long seq, String ch, String node, String peer, long term,
                               long value, String type, String detail) {
        return node == null ? null : new LogEvent(k, t, seq, ch, node, peer, term, value, type, detail);
    }

    /** etcd 3.3 and older say {@code vote}/{@code vote request}; later versions name the message type. */
    private static String voteType(String s) {
        return switch (s) {
            case "MsgPreVote", "MsgPreVoteResp", "pre-vote" -> "MsgPreVote";
            default -> "MsgVote";
        };
    }

    /** A {@code %x} id: decimal when the line is Fabric's (its node= field is decimal), else etcd's hex as printed. */
    static String id(String hex, boolean fabric) {
        if (!fabric) {
            return hex;
        }
        try {
            return Long.toUnsignedString(Long.parseUnsignedLong(hex, 16));
        } catch (NumberFormatException e) {
            return hex;
        }
    }

    private static long idNum(String hex, boolean fabric) {
        try {
            return fabric ? Long.parseUnsignedLong(hex, 16) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long num(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
