package io.raftlens.raft.chaos;

import java.nio.file.Path;
import java.util.List;

/** What the chaos driver does to a five-node network, whether its nodes are threads or processes. */
interface ChaosCluster extends AutoCloseable {

    /** A node's view of the channel. */
    record View(boolean running, String role, long term, long leader, long height) {
    }

    List<Long> ids();

    View view(long id);

    /**
     * How long a client waits for one broadcast. A leader cut off in a minority holds what it took until a block of
     * that number is written elsewhere; a client gives up after this and sends its next (new) transaction, so the
     * load resumes soon after a heal. A broadcast given up is simply not acknowledged (it may still be ordered: the
     * audit checks acknowledged transactions are there once and nothing is there twice, not that the rest is absent).
     */
    java.time.Duration CLIENT_TIMEOUT = java.time.Duration.ofSeconds(3);

    /** Submits through the current leader; "SUCCESS" once ordered into a block, else the error status. */
    String broadcast(byte[] tx) throws Exception;

    /** Crash: nothing flushed beyond what was fsynced (kill -9 for a process). */
    void kill(long id) throws Exception;

    void start(long id) throws Exception;

    void partition(List<List<Long>> groups) throws Exception;

    void healAll() throws Exception;

    /** Every node crashes at once. */
    void killAll() throws Exception;

    /** Every node starts again from its data on disk. */
    void startAll() throws Exception;

    /** The node's folder of the data dir (the argument of {@code raftlens ledger verify}). */
    Path nodeDir(long id);

    @Override
    void close();
}
