package io.raftlens.raft.node;

/** What a chain reports as it happens (the network turns these into events); called on chain threads, must not block. */
public interface ChainObserver {

    /** Role, term or leader of {@code node} on {@code channel} changed. */
    void stateChanged(String channel, long node, ChainStatus status);

    /** {@code node} won an election: how long it took from its first pre-candidacy and the responses it counted. */
    void electionWon(String channel, long node, long term, long durationMillis, int preVotesGranted,
                     int votesGranted, int rejections);

    /** {@code node} wrote block {@code number} with {@code transactions} transactions to its ledger. */
    void blockCommitted(String channel, long node, long number, int transactions);

    /**
     * {@code node} wrote config block {@code number} of {@code channel} (reported before {@link #blockCommitted} of
     * the same block): the channel's config changed, e.g. its MSPs and policies.
     */
    default void configBlockWritten(String channel, long node, long number) {
    }

    /**
     * {@code node} applied a consenter change of {@code channel} made by config block {@code block}: consenter
     * {@code changed} was added (else removed); {@code consenters} is the new set. Ids are Raft ids.
     */
    default void consentersChanged(String channel, long node, long block, boolean added, long changed,
                                   java.util.List<Long> consenters) {
    }

    ChainObserver NONE = new ChainObserver() {
        @Override
        public void stateChanged(String channel, long node, ChainStatus status) {
        }

        @Override
        public void electionWon(String channel, long node, long term, long durationMillis, int preVotesGranted,
                                int votesGranted, int rejections) {
        }

        @Override
        public void blockCommitted(String channel, long node, long number, int transactions) {
        }
    };
}
