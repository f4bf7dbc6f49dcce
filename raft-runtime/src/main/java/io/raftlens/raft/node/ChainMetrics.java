package io.raftlens.raft.node;

/** The etcdraft metrics one chain updates (Fabric's consensus_etcdraft_* family, label channel). */
public interface ChainMetrics {
    void clusterSize(int nodes);

    void isLeader(boolean leader);

    void activeNodes(int nodes);

    void committedBlockNumber(long number);

    void snapshotBlockNumber(long number);

    void leaderChanged();

    void proposalFailed();

    void dataPersisted(double seconds);

    void normalProposalReceived();

    ChainMetrics NONE = new ChainMetrics() {
        public void clusterSize(int nodes) { }
        public void isLeader(boolean leader) { }
        public void activeNodes(int nodes) { }
        public void committedBlockNumber(long number) { }
        public void snapshotBlockNumber(long number) { }
        public void leaderChanged() { }
        public void proposalFailed() { }
        public void dataPersisted(double seconds) { }
        public void normalProposalReceived() { }
    };
}
