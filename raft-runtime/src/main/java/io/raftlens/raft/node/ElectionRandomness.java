package io.raftlens.raft.node;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Where a chain's election timeouts come from: one generator per process seeded from {@link SecureRandom}, split
 * per chain (etcd's process-wide {@code globalRand}). A node restarted with the same Raft id, and the same id on
 * another channel, draw different timeouts, so one node does not win every first election after a restart.
 * Fixed seeds belong in tests and the simulator, which pass their own {@code RaftConfig.random}.
 */
final class ElectionRandomness {

    private static final SplittableRandom PROCESS = new SplittableRandom(new SecureRandom().nextLong());

    private ElectionRandomness() {
    }

    /** An independent generator for one chain (a Raft node owns it on its loop thread). */
    static synchronized RandomGenerator forChain() {
        return PROCESS.split();
    }
}
