package io.raftlens.raft.core.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a seed decides about one simulated cluster. Fabric's own settings (PreVote, CheckQuorum,
 * no proposal forwarding, 5 in-flight messages) are the common case; some seeds switch PreVote or
 * CheckQuorum off so that those code paths are exercised as well.
 */
record SimSettings(int nodes, int electionTick, int heartbeatTick, boolean preVote, boolean checkQuorum,
                   boolean disableProposalForwarding, long maxSizePerMsg, int maxInflightMsgs,
                   int chaosTicks, double dropRate, double duplicateRate, int maxDelay, boolean faultyDisk) {

    static SimSettings forSeed(long seed) {
        int variant = (int) Math.floorMod(seed, 8);
        boolean preVote = variant != 6;
        boolean checkQuorum = variant != 7;
        return new SimSettings(seed % 2 == 0 ? 3 : 5, 10, 1, preVote, checkQuorum, variant % 3 != 0,
                512, 5, 300, 0.05, 0.03, 3, false);
    }

    /**
     * The same cluster with a deliberately broken driver whose disk loses acknowledged entries in a crash; the
     * simulation must catch it (it shows the checks have teeth).
     */
    SimSettings withFaultyDisk() {
        return new SimSettings(nodes, electionTick, heartbeatTick, preVote, checkQuorum, disableProposalForwarding,
                maxSizePerMsg, maxInflightMsgs, chaosTicks, dropRate, duplicateRate, maxDelay, true);
    }

    List<Long> ids() {
        List<Long> ids = new ArrayList<>();
        for (long i = 1; i <= nodes; i++) {
            ids.add(i);
        }
        return ids;
    }

    String describe() {
        return (faultyDisk ? "FAULTY DISK, " : "") + nodes + " nodes, electionTick " + electionTick + ", preVote " + preVote + ", checkQuorum "
                + checkQuorum + ", proposal forwarding " + (disableProposalForwarding ? "off" : "on");
    }
}
