package io.raftlens.raft.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The election story of one channel, folded from {@link LogEvent}s as they stream past. Every list is capped at
 * {@link #CAP} entries (the count of what was left out is kept), so a 1 GB log takes bounded memory.
 */
public final class ChannelTimeline {

    /** Most entries kept per list (and per node's lane). */
    public static final int CAP = 10_000;

    /** A node's own view of who leads. {@code from} is {@code "0"} when there was none. */
    public record LeaderChange(long time, long seq, String node, String from, String to, long term) {
    }

    /** {@code raft.node: N lost leader L at term T}. */
    public record LostLeader(long time, long seq, String node, String leader, long term) {
    }

    /** A pre-vote or vote refused: {@code by} refused {@code from} (the candidate). */
    public record RejectedVote(long time, long seq, String by, String from, long term) {
    }

    /** A vote request dropped without an answer (CheckQuorum lease, or a stale term). */
    public record IgnoredVote(long time, long seq, String by, String from, String type, String reason, long term) {
    }

    /** A leadership transfer step: {@code started} (leader), {@code timeout-now} (transferee), {@code done}. */
    public record Transfer(long time, long seq, String from, String to, long term, String stage) {
    }

    /** An eviction line: {@code suspected}, {@code detected}, {@code removed}. */
    public record Eviction(long time, long seq, String node, String stage, String detail) {
    }

    /** The leader stepped down for lack of quorum, or a node saw no leader. */
    public record QuorumLoss(long time, long seq, String node, String detail) {
    }

    /** All {@code Failed to send StepRequest} lines from one node to one destination. */
    public record SendFailure(String node, String to, long count, long firstTime, long lastTime, String reason) {
    }

    /** A point on a node's lane: from here on it is {@code role} at {@code term}. */
    public record RoleChange(long time, long seq, String role, long term) {
    }

    /** A voter's answer (for the picture): granted or refused, pre-vote or vote. */
    public record VoteMark(long time, long seq, String voter, String candidate, String type, boolean granted, long term) {
    }

    /** Something a person should act on. */
    public record Finding(String kind, String severity, String node, long time, String message) {
    }

    private static final class NodeState {
        final List<RoleChange> roles = new ArrayList<>();
        long droppedRoles;
        Election open;
        boolean pendingTransfer;
        long term = -1;
        String lastRaftLeader;
        int campaignsWithoutWin;
        long firstFailedTerm = -1;
        long lastFailedTerm = -1;
    }

    private final String name;
    private final Map<String, NodeState> nodes = new TreeMap<>(ChannelTimeline::compareIds);
    private final List<Election> elections = new ArrayList<>();
    private final List<LeaderChange> leaderChanges = new ArrayList<>();
    private final List<LostLeader> lostLeader = new ArrayList<>();
    private final List<RejectedVote> rejectedPreVotes = new ArrayList<>();
    private final List<RejectedVote> rejectedVotes = new ArrayList<>();
    private final List<IgnoredVote> ignoredVotes = new ArrayList<>();
    private final List<Transfer> transfers = new ArrayList<>();
    private final List<Eviction> evictions = new ArrayList<>();
    private final List<QuorumLoss> quorumLosses = new ArrayList<>();
    private final Map<String, SendFailure> sendFailures = new LinkedHashMap<>();
    private final List<VoteMark> voteMarks = new ArrayList<>();
    private final Map<Long, LeaderChange> leaderByTerm = new TreeMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Long> dropped = new LinkedHashMap<>();
    /**
     * Each node's longest streak of campaigns without a win that reached {@link #REPEATED_CAMPAIGNS}, with the terms
     * it spanned: kept when the node wins later (the streak happened), its terms taken while it lasted.
     */
    private final Map<String, Streak> repeatedRejections = new HashMap<>();

    private record Streak(int campaigns, long firstTerm, long lastTerm) {
    }
    private long firstTime = DecodedLine.NO_TIME;
    private long lastTime = DecodedLine.NO_TIME;
    private long firstSeq = Long.MAX_VALUE;
    private long lastSeq = -1;
    private boolean finished;

    ChannelTimeline(String name) {
        this.name = name;
    }

    /** Raft ids sort numerically when they are decimal, else as text. */
    static int compareIds(String a, String b) {
        boolean da = a.chars().allMatch(Character::isDigit) && a.length() < 19;
        boolean db = b.chars().allMatch(Character::isDigit) && b.length() < 19;
        if (da && db) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return da ? -1 : db ? 1 : a.compareTo(b);
    }

    private NodeState node(String id) {
        return nodes.computeIfAbsent(id, k -> new NodeState());
    }

    private <T> void add(List<T> list, T item, String kind) {
        if (list.size() < CAP) {
            list.add(item);
        } else {
            dropped.merge(kind, 1L, Long::sum);
        }
    }

    void accept(LogEvent e) {
        if (e.time() != DecodedLine.NO_TIME) {
            firstTime = firstTime == DecodedLine.NO_TIME ? e.time() : Math.min(firstTime, e.time());
            lastTime = Math.max(lastTime, e.time());
        }
        firstSeq = Math.min(firstSeq, e.seq());
        lastSeq = Math.max(lastSeq, e.seq());
        NodeState st = node(e.node());
        switch (e.kind()) {
            case ELECTION_STARTED -> startElection(st, e, e.term());
            case ROLE -> role(st, e);
            case REPLY_GRANTED, REPLY_REJECTED -> {
                boolean ok = e.kind() == LogEvent.Kind.REPLY_GRANTED;
                boolean pre = "MsgPreVote".equals(e.type());
                if (st.open == null) {
                    // Only a campaigning node logs replies: the log begins in the middle of this campaign.
                    startElection(st, e, pre ? e.term() : e.term() - 1);
                    st.open.partial();
                    if (!pre) {
                        st.open.candidate(e.term());
                    }
                }
                if (st.open != null) {
                    st.open.reply(pre, e.peer(), ok);
                }
                if (!ok && !e.peer().equals(e.node())) {
                    rejected(pre, e.time(), e.seq(), e.peer(), e.node(), e.term(), false);
                }
            }
            case TALLY -> {
                if (st.open != null) {
                    boolean pre = e.type() != null ? e.type().equals("MsgPreVote") : !st.open.isCandidate();
                    st.open.tally(pre, (int) e.value(), Integer.parseInt(e.detail()));
                }
            }
            case VOTE_CAST, VOTE_REJECTED -> {
                boolean ok = e.kind() == LogEvent.Kind.VOTE_CAST;
                add(voteMarks, new VoteMark(e.time(), e.seq(), e.node(), e.peer(), e.type(), ok, e.term()), "voteMarks");
                if (!ok) {
                    rejected("MsgPreVote".equals(e.type()), e.time(), e.seq(), e.node(), e.peer(), e.term(), true);
                }
            }
            case VOTE_IGNORED -> add(ignoredVotes,
                    new IgnoredVote(e.time(), e.seq(), e.node(), e.peer(), e.type(), e.detail(), e.term()), "ignoredVotes");
            case HIGHER_TERM -> st.term = Math.max(st.term, e.term());
            case LEADER_CHANGED -> {
                String from = e.value() == 0 ? "0" : e.detail() == null ? "0" : e.detail();
                LeaderChange c = new LeaderChange(e.time(), e.seq(), e.node(), from, e.peer(), e.term());
                add(leaderChanges, c, "leaderChanges");
                st.lastRaftLeader = e.peer();
                leaderByTerm.putIfAbsent(e.term(), c);
            }
            case LEADER_LOST -> {
                add(lostLeader, new LostLeader(e.time(), e.seq(), e.node(), e.peer(), e.term()), "lostLeader");
                st.lastRaftLeader = "0";
            }
            case FABRIC_LEADER_CHANGED -> fabricLeaderChanged(st, e);
            case TRANSFER_STARTED -> add(transfers,
                    new Transfer(e.time(), e.seq(), e.node(), e.peer(), e.term(), "started"), "transfers");
            case TIMEOUT_NOW -> {
                st.pendingTransfer = true;
                add(transfers, new Transfer(e.time(), e.seq(), e.peer(), e.node(), e.term(), "timeout-now"), "transfers");
            }
            case TRANSFER_DONE -> add(transfers,
                    new Transfer(e.time(), e.seq(), e.detail(), e.peer(), st.term, "done"), "transfers");
            case QUORUM_LOST -> add(quorumLosses, new QuorumLoss(e.time(), e.seq(), e.node(), e.detail()), "quorumLosses");
            case EVICTION -> add(evictions, new Eviction(e.time(), e.seq(), e.node(), e.type(), e.detail()), "evictions");
            case SEND_FAILED -> sendFailures.merge(e.node() + "\u0000" + e.peer(),
                    new SendFailure(e.node(), e.peer(), 1, e.time(), e.time(), e.detail()),
                    (a, b) -> new SendFailure(a.node(), a.to(), a.count() + 1, a.firstTime(), b.lastTime(), a.reason()));
            default -> {
            }
        }
    }

    /** A refusal told by one side, waiting for the other side's line about the same refusal. */
    private record Unpaired(RejectedVote vote, boolean pre, boolean voterSide) {
    }

    private final List<Unpaired> unpaired = new ArrayList<>();

    private void rejected(boolean pre, long time, long seq, String by, String from, long term, boolean voterSide) {
        // The voter's "rejected … from" line and the candidate's "received … rejection" line tell the same refusal:
        // pair them up (each line pairs at most once), so that the refusal is counted once.
        for (int i = unpaired.size() - 1; i >= 0; i--) {
            Unpaired u = unpaired.get(i);
            RejectedVote r = u.vote();
            if (u.pre() == pre && u.voterSide() != voterSide && r.by().equals(by) && r.from().equals(from)
                    && Math.abs(r.term() - term) <= 1) {
                unpaired.remove(i);
                return;
            }
        }
        RejectedVote r = new RejectedVote(time, seq, by, from, term);
        add(pre ? rejectedPreVotes : rejectedVotes, r, pre ? "rejectedPreVotes" : "rejectedVotes");
        unpaired.add(new Unpaired(r, pre, voterSide));
        if (unpaired.size() > 64) {
            unpaired.remove(0);
        }
    }

    private void startElection(NodeState st, LogEvent e, long term) {
        if (st.open != null) {
            close(st, Election.Outcome.TIMED_OUT, -1, e, "started another election at term " + term);
        }
        Election el = new Election(e.node(), term, e.time(), e.seq(), st.pendingTransfer);
        st.pendingTransfer = false;
        st.open = el;
        add(elections, el, "elections");
    }

    private void role(NodeState st, LogEvent e) {
        String role = e.type();
        if (st.roles.size() < CAP) {
            st.roles.add(new RoleChange(e.time(), e.seq(), role, e.term()));
        } else {
            st.droppedRoles++;
        }
        st.term = e.term();
        switch (role) {
            case "pre-candidate" -> {
                if (st.open == null) {
                    startElection(st, e, e.term());
                }
                st.open.preVote();
            }
            case "candidate" -> {
                if (st.open == null) {
                    startElection(st, e, e.term() - 1);
                }
                st.open.candidate(e.term());
            }
            case "leader" -> {
                if (st.open == null) {
                    startElection(st, e, e.term() - 1);
                }
                close(st, Election.Outcome.WON, e.term(), e, null);
                leaderByTerm.putIfAbsent(e.term(), new LeaderChange(e.time(), e.seq(), e.node(), "0", e.node(), e.term()));
            }
            case "follower" -> {
                if (st.open != null) {
                    close(st, Election.Outcome.LOST, -1, e, "became follower at term " + e.term());
                }
            }
            default -> {
            }
        }
    }

    private void close(NodeState st, Election.Outcome how, long leaderTerm, LogEvent e, String reason) {
        Election el = st.open;
        el.end(how, leaderTerm, e.time(), e.seq(), reason);
        st.open = null;
        if (how == Election.Outcome.WON) {
            st.campaignsWithoutWin = 0;
            st.firstFailedTerm = -1;
        } else {
            st.campaignsWithoutWin++;
            if (st.firstFailedTerm < 0) {
                st.firstFailedTerm = el.term();
            }
            st.lastFailedTerm = el.term();
            Streak longest = repeatedRejections.get(el.node());
            if (st.campaignsWithoutWin >= REPEATED_CAMPAIGNS
                    && (longest == null || st.campaignsWithoutWin >= longest.campaigns())) {
                repeatedRejections.put(el.node(), new Streak(st.campaignsWithoutWin, st.firstFailedTerm, st.lastFailedTerm));
            }
        }
    }

    /** Fabric repeats what {@code raft.node:} just said, in decimal; keep it only when it adds something. */
    private void fabricLeaderChanged(NodeState st, LogEvent e) {
        String to = e.peer();
        String from = e.detail();
        if (to.equals(st.lastRaftLeader)) {
            st.lastRaftLeader = null;
            return;
        }
        if (to.equals("0")) {
            add(lostLeader, new LostLeader(e.time(), e.seq(), e.node(), from, st.term), "lostLeader");
        } else {
            LeaderChange c = new LeaderChange(e.time(), e.seq(), e.node(), from, to, st.term);
            add(leaderChanges, c, "leaderChanges");
            if (st.term >= 0) {
                leaderByTerm.putIfAbsent(st.term, c);
            }
        }
    }

    // ---- findings -------------------------------------------------------------------------------------------

    /** Three or more leaders within this window is flapping. */
    public static final long FLAP_WINDOW_MS = 60_000;
    public static final int FLAP_LEADERS = 3;
    /** Refused pre-vote campaigns of one node before it is reported. */
    public static final int REJECTED_PRE_VOTE_CAMPAIGNS = 3;
    /** Campaigns in a row without winning before they are reported. */
    public static final int REPEATED_CAMPAIGNS = 3;
    /**
     * A leaderless stretch longer than this is a slow election: Fabric's default election timeout
     * (ElectionTick 10 × TickInterval 500ms, {@code sampleconfig/configtx.yaml}).
     */
    public static final long SLOW_ELECTION_MS = 5_000;

    void finish() {
        if (finished) {
            return;
        }
        finished = true;
        for (NodeState st : nodes.values()) {
            st.open = null; // stays UNFINISHED
        }
        leaderlessStretches();
        flapping();
        rejectedPreVoteCampaigns();
        for (Map.Entry<String, Streak> r : repeatedRejections.entrySet()) {
            Streak streak = r.getValue();
            if (findings.stream().noneMatch(f -> f.kind().equals("pre-votes-rejected") && r.getKey().equals(f.node()))) {
                findings.add(new Finding("repeated-campaigns", "warning", r.getKey(), DecodedLine.NO_TIME,
                        "node " + r.getKey() + " campaigned " + streak.campaigns() + " times in a row without winning (terms "
                                + streak.firstTerm() + "–" + streak.lastTerm() + "): it cannot reach a quorum or its log is behind"));
            }
        }
        for (QuorumLoss q : quorumLosses) {
            findings.add(new Finding("quorum-lost", "error", q.node(), q.time(), "node " + q.node() + ": " + q.detail()
                    + " — fewer than a majority of consenters are reachable; the channel cannot order transactions"));
        }
        for (Election el : elections) {
            if (el.outcome() == Election.Outcome.WON && el.sinceFirstCampaignMs() > SLOW_ELECTION_MS) {
                findings.add(new Finding("slow-election", "warning", el.node(), el.endTime(), String.format(
                        "electing node %s at term %d took %.1f s from the first campaign (more than one default election timeout, %d s)",
                        el.node(), el.leaderTerm(), el.sinceFirstCampaignMs() / 1000.0, SLOW_ELECTION_MS / 1000)));
            }
        }
        for (SendFailure f : sendFailures.values()) {
            findings.add(new Finding("send-failures", "warning", f.node(), f.firstTime(), "node " + f.node()
                    + " failed " + f.count() + " time" + (f.count() == 1 ? "" : "s") + " to send consensus messages to node "
                    + f.to() + " (" + f.reason() + ")"));
        }
        for (Eviction ev : evictions) {
            findings.add(new Finding("eviction", ev.stage().equals("suspected") ? "warning" : "error", ev.node(), ev.time(),
                    "node " + ev.node() + " " + ev.detail()));
        }
        findings.sort(Comparator.comparingLong(Finding::time));
    }

    /**
     * Each won campaign gets the time since the first candidacy (of any node) after the previous win: the stretch
     * the channel had no leader for, as far as campaigns show. Computed at the end because several files are read
     * one after the other.
     */
    private void leaderlessStretches() {
        // A campaign refused at the pre-vote stage does not disturb a working leader (that is what PreVote is for),
        // so only campaigns that reached candidate start a leaderless stretch.
        List<Election> timed = elections.stream().filter(el -> el.startTime() != DecodedLine.NO_TIME && el.isCandidate())
                .sorted(Comparator.comparingLong(Election::startTime)).toList();
        long stretchStart = DecodedLine.NO_TIME;
        List<Election> won = timed.stream().filter(el -> el.outcome() == Election.Outcome.WON && el.endTime() != DecodedLine.NO_TIME)
                .sorted(Comparator.comparingLong(Election::endTime)).toList();
        int next = 0;
        long lastWin = Long.MIN_VALUE;
        for (Election w : won) {
            stretchStart = DecodedLine.NO_TIME;
            while (next < timed.size() && timed.get(next).startTime() <= w.endTime()) {
                Election el = timed.get(next++);
                if (el.startTime() > lastWin && stretchStart == DecodedLine.NO_TIME) {
                    stretchStart = el.startTime();
                }
            }
            w.sinceFirstCampaign(stretchStart == DecodedLine.NO_TIME ? w.durationMs() : w.endTime() - Math.min(stretchStart, w.startTime()));
            lastWin = w.endTime();
        }
    }

    private void flapping() {
        List<LeaderChange> byTime = leaderByTerm.values().stream()
                .filter(c -> c.time() != DecodedLine.NO_TIME).sorted(Comparator.comparingLong(LeaderChange::time)).toList();
        int i = 0;
        int best = 0;
        int bestStart = 0;
        int bestEnd = 0;
        for (int j = 0; j < byTime.size(); j++) {
            while (byTime.get(j).time() - byTime.get(i).time() > FLAP_WINDOW_MS) {
                i++;
            }
            if (j - i + 1 > best) {
                best = j - i + 1;
                bestStart = i;
                bestEnd = j;
            }
        }
        if (best >= FLAP_LEADERS) {
            LeaderChange a = byTime.get(bestStart);
            LeaderChange b = byTime.get(bestEnd);
            findings.add(new Finding("leadership-flapping", "warning", null, a.time(), String.format(
                    "leadership changed %d times in %.1f s (terms %d–%d): check network latency between consenters, "
                            + "disk sync time (WAL) and the election timeout", best, (b.time() - a.time()) / 1000.0, a.term(), b.term())));
        }
    }

    private void rejectedPreVoteCampaigns() {
        Map<String, List<Election>> refused = new TreeMap<>(ChannelTimeline::compareIds);
        for (Election el : elections) {
            if (el.preVotesRejected() > 0 && el.outcome() != Election.Outcome.WON) {
                refused.computeIfAbsent(el.node(), k -> new ArrayList<>()).add(el);
            }
        }
        Map<String, Map<String, Integer>> byCandidate = new TreeMap<>(ChannelTimeline::compareIds);
        for (RejectedVote r : rejectedPreVotes) {
            byCandidate.computeIfAbsent(r.from(), k -> new TreeMap<>(ChannelTimeline::compareIds)).merge(r.by(), 1, Integer::sum);
        }
        for (Map.Entry<String, Map<String, Integer>> c : byCandidate.entrySet()) {
            int campaigns = refused.getOrDefault(c.getKey(), List.of()).size();
            int refusals = c.getValue().values().stream().mapToInt(Integer::intValue).sum();
            if (Math.max(campaigns, refusals) >= REJECTED_PRE_VOTE_CAMPAIGNS) {
                findings.add(new Finding("pre-votes-rejected", "warning", c.getKey(), DecodedLine.NO_TIME, "node "
                        + c.getKey() + "'s pre-votes were rejected " + refusals + " times (by node"
                        + (c.getValue().size() == 1 ? " " : "s ") + String.join(", ", c.getValue().keySet())
                        + "): its log is behind the others' or it lost contact with the leader; it rejoins as follower "
                        + "once it hears from the leader — check its connectivity and that it is catching up"));
            }
        }
    }

    // ---- read access -----------------------------------------------------------------------------------------

    public String name() {
        return name;
    }

    /** Node ids seen in this channel, in numeric order. */
    public List<String> nodes() {
        return new ArrayList<>(nodes.keySet());
    }

    public List<RoleChange> roles(String node) {
        NodeState st = nodes.get(node);
        return st == null ? List.of() : List.copyOf(st.roles);
    }

    public List<Election> elections() {
        return List.copyOf(elections);
    }

    public List<LeaderChange> leaderChanges() {
        return List.copyOf(leaderChanges);
    }

    public List<LostLeader> lostLeader() {
        return List.copyOf(lostLeader);
    }

    public List<RejectedVote> rejectedPreVotes() {
        return List.copyOf(rejectedPreVotes);
    }

    public List<RejectedVote> rejectedVotes() {
        return List.copyOf(rejectedVotes);
    }

    public List<IgnoredVote> ignoredVotes() {
        return List.copyOf(ignoredVotes);
    }

    public List<Transfer> transfers() {
        return List.copyOf(transfers);
    }

    public List<Eviction> evictions() {
        return List.copyOf(evictions);
    }

    public List<QuorumLoss> quorumLosses() {
        return List.copyOf(quorumLosses);
    }

    public List<SendFailure> sendFailures() {
        return List.copyOf(sendFailures.values());
    }

    public List<VoteMark> voteMarks() {
        return List.copyOf(voteMarks);
    }

    /** The first leader each term got, as any node saw it. */
    public Map<Long, LeaderChange> leaderByTerm() {
        return Map.copyOf(leaderByTerm);
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** Entries left out per list because of {@link #CAP}. */
    public Map<String, Long> dropped() {
        return Map.copyOf(dropped);
    }

    public long firstTime() {
        return firstTime;
    }

    public long lastTime() {
        return lastTime;
    }

    public long firstSeq() {
        return firstSeq;
    }

    public long lastSeq() {
        return lastSeq;
    }
}
