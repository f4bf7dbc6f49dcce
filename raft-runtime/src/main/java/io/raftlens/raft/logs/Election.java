package io.raftlens.raft.logs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One campaign of one node, from {@code is starting a new election at term T} (its {@link #term()}) to becoming
 * leader, falling back to follower, starting the next campaign, or the end of the log. Counts are what the
 * candidate itself logged (its {@code received … from} lines and {@code has received N … votes} tallies; the
 * self-vote is counted, as etcd counts it).
 */
public final class Election {

    /** How a campaign ended. */
    public enum Outcome {
        /** The node became leader ({@link #leaderTerm()}). */
        WON("won"),
        /** The node became follower (another leader, or its pre-votes/votes were refused). */
        LOST("lost"),
        /** The node started another campaign before this one ended: it timed out. */
        TIMED_OUT("timed out"),
        /** The log ends during the campaign. */
        UNFINISHED("unfinished");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String node;
    private final long term;
    private final long startTime;
    private final long startSeq;
    private final boolean transfer;
    private boolean preVote;
    private long candidateTerm = -1;
    private Outcome outcome = Outcome.UNFINISHED;
    private long leaderTerm = -1;
    private long endTime = DecodedLine.NO_TIME;
    private long endSeq = -1;
    private String endReason;
    private long sinceFirstCampaignMs = -1;
    private final Set<String> preGranted = new LinkedHashSet<>();
    private final Set<String> preRejected = new LinkedHashSet<>();
    private final Set<String> granted = new LinkedHashSet<>();
    private final Set<String> rejected = new LinkedHashSet<>();
    private int preGrantedTally;
    private int preRejectedTally;
    private int grantedTally;
    private int rejectedTally;

    Election(String node, long term, long startTime, long startSeq, boolean transfer) {
        this.node = node;
        this.term = term;
        this.startTime = startTime;
        this.startSeq = startSeq;
        this.transfer = transfer;
    }

    private boolean partial;

    void partial() {
        partial = true;
    }

    /** The log begins in the middle of this campaign (its start line is not in it). */
    public boolean isPartial() {
        return partial;
    }

    void preVote() {
        preVote = true;
    }

    void candidate(long atTerm) {
        candidateTerm = atTerm;
    }

    /** Whether the campaign got past the pre-vote (the node became candidate). */
    public boolean isCandidate() {
        return candidateTerm >= 0;
    }

    void reply(boolean preVotePhase, String voter, boolean ok) {
        if (preVotePhase) {
            preVote = true;
            (ok ? preGranted : preRejected).add(voter);
        } else {
            (ok ? granted : rejected).add(voter);
        }
    }

    void tally(boolean preVotePhase, int votes, int rejections) {
        if (preVotePhase) {
            preGrantedTally = Math.max(preGrantedTally, votes);
            preRejectedTally = Math.max(preRejectedTally, rejections);
        } else {
            grantedTally = Math.max(grantedTally, votes);
            rejectedTally = Math.max(rejectedTally, rejections);
        }
    }

    void end(Outcome how, long atTerm, long time, long seq, String reason) {
        outcome = how;
        if (how == Outcome.WON) {
            leaderTerm = atTerm;
        }
        endTime = time;
        endSeq = seq;
        endReason = reason;
    }

    void sinceFirstCampaign(long ms) {
        sinceFirstCampaignMs = ms;
    }

    public String node() {
        return node;
    }

    /** The term in {@code is starting a new election at term T} (the node's term before campaigning). */
    public long term() {
        return term;
    }

    public long startTime() {
        return startTime;
    }

    public long startSeq() {
        return startSeq;
    }

    /** Started by {@code MsgTimeoutNow} (a leadership transfer), not by an election timeout. */
    public boolean transfer() {
        return transfer;
    }

    /** Whether the campaign began with a pre-vote round (Fabric enables PreVote). */
    public boolean usedPreVote() {
        return preVote;
    }

    /** The term the node became candidate at, or -1 when it never got past pre-candidate. */
    public long candidateTerm() {
        return candidateTerm;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The term the node became leader at, or -1. */
    public long leaderTerm() {
        return leaderTerm;
    }

    public long endTime() {
        return endTime;
    }

    public long endSeq() {
        return endSeq;
    }

    /** Why a lost campaign ended (e.g. {@code became follower at term 5}), or {@code null}. */
    public String endReason() {
        return endReason;
    }

    /** Milliseconds from start to end, or -1 without timestamps or an end. */
    public long durationMs() {
        return startTime != DecodedLine.NO_TIME && endTime != DecodedLine.NO_TIME ? endTime - startTime : -1;
    }

    /** For a won campaign: milliseconds since the first campaign (of any node) of the leaderless stretch it ended. */
    public long sinceFirstCampaignMs() {
        return sinceFirstCampaignMs;
    }

    public int preVotesGranted() {
        return Math.max(preGranted.size(), preGrantedTally);
    }

    public int preVotesRejected() {
        return Math.max(preRejected.size(), preRejectedTally);
    }

    public int votesGranted() {
        return Math.max(granted.size(), grantedTally);
    }

    public int votesRejected() {
        return Math.max(rejected.size(), rejectedTally);
    }

    public List<String> preVoteGrantedBy() {
        return new ArrayList<>(preGranted);
    }

    public List<String> preVoteRejectedBy() {
        return new ArrayList<>(preRejected);
    }

    public List<String> voteGrantedBy() {
        return new ArrayList<>(granted);
    }

    public List<String> voteRejectedBy() {
        return new ArrayList<>(rejected);
    }
}
