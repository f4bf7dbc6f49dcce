package io.raftlens.raft.core.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a seed decides about one simulated cluster. Fabric's own settings (PreVote, CheckQuorum,
 * no proposal forwarding, 5 in-flight messages) are the common case; some seeds switch PreVote or
 * CheckQuorum off so that those code paths are exercised as well, and a quarter of them have a spare consenter
 * for membership changes (add it, remove another; one change at a time, as Fabric allows). Half of them drive the
 * nodes with pipelined Readys (up to four writes in flight; RaftLoop allows eight, node.RaftLoop.MAX_READIES_IN_FLIGHT)
 * instead of one Ready at a time.
 */
record SimSettings(int nodes, int spares, int electionTick, int heartbeatTick, boolean preVote, boolean checkQuorum,
                   boolean disableProposalForwarding, long maxSizePerMsg, int maxInflightMsgs,
                   int chaosTicks, double dropRate, double duplicateRate, int maxDelay, boolean faultyDisk,
                   boolean pipelined) {

    static SimSettings forSeed(long seed) {
        int variant = (int) Math.floorMod(seed, 8);
        boolean preVote = variant != 6;
        boolean checkQuorum = variant != 7;
        int spares = Math.floorMod(seed, 4) == 3 ? 1 : 0;   // membership changes in a quarter of the seeds
        return new SimSettings(seed % 2 == 0 ? 3 : 5, spares, 10, 1, preVote, checkQuorum, variant % 3 != 0,
                512, 5, 250, 0.05, 0.03, 3, false, Math.floorMod(seed / 2, 2) == 1);
    }

    /**
     * The same cluster with a deliberately broken driver whose disk loses acknowledged entries in a crash; the
     * simulation must catch it (it shows the checks have teeth).
     */
    SimSettings withFaultyDisk() {
        return new SimSettings(nodes, spares, electionTick, heartbeatTick, preVote, checkQuorum, disableProposalForwarding,
                maxSizePerMsg, maxInflightMsgs, chaosTicks, dropRate, duplicateRate, maxDelay, true, pipelined);
    }

    /** The founding members, 1..nodes. */
    List<Long> ids() {
        return range(1, nodes);
    }

    /** Founding members and spare consenters (added, one at a time, during the run). */
    List<Long> allIds() {
        return range(1, nodes + spares);
    }

    private static List<Long> range(long from, long to) {
        List<Long> ids = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            ids.add(i);
        }
        return ids;
    }

    String describe() {
        return (faultyDisk ? "FAULTY DISK, " : "") + nodes + " nodes, electionTick " + electionTick + ", preVote " + preVote + ", checkQuorum "
                + checkQuorum + ", proposal forwarding " + (disableProposalForwarding ? "off" : "on")
                + (spares > 0 ? ", membership changes" : "") + (pipelined ? ", pipelined Readys" : "");
    }
}
