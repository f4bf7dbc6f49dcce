package io.raftlens.raft.chaos;

import io.raftlens.raft.network.TestNetworks;
import io.raftlens.raft.network.DataDirectory;
import io.raftlens.raft.network.LocalNetwork;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.node.ChainStatus;
import io.raftlens.raft.node.OrderingNode;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The chaos target through {@code raftlens launch}'s in-process network and its kill (LocalNetwork). */
final class InJvmCluster implements ChaosCluster {

    private final NetworkPlan plan;
    private final Path root;
    private volatile LocalNetwork net;

    InJvmCluster(Path root, long snapshotIntervalBytes) {
        this.root = root;
        this.plan = ChaosPlans.plan(root, TestNetworks.freePorts(5), snapshotIntervalBytes);
        this.net = LocalNetwork.start(plan, DataDirectory.prepare(root, plan, false));
    }

    @Override
    public List<Long> ids() {
        return plan.consenters().stream().map(c -> c.id().value()).toList();
    }

    @Override
    public View view(long id) {
        OrderingNode n = net.node(id).orElseThrow();
        if (!n.isRunning()) {
            return new View(false, "stopped", 0, 0, 0);
        }
        ChainStatus s = n.chain(ChaosPlans.CHANNEL).orElseThrow().status();
        return new View(true, s.role(), s.term(), s.leader(), s.height());
    }

    @Override
    public String broadcast(byte[] tx) throws Exception {
        return net.broadcast(ChaosPlans.CHANNEL, null, tx).get(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).status();
    }

    @Override
    public void kill(long id) {
        net.killNode(id);
    }

    @Override
    public void start(long id) {
        net.startNode(id);
    }

    @Override
    public void partition(List<List<Long>> groups) {
        net.partition(groups);
    }

    @Override
    public void healAll() {
        net.healAll();
    }

    @Override
    public void killAll() {
        net.killAll();
        net.close();
    }

    @Override
    public void startAll() {
        net = LocalNetwork.start(plan, DataDirectory.prepare(root, plan, false));
    }

    @Override
    public Path nodeDir(long id) {
        return root.resolve(plan.consenter(id).host());
    }

    @Override
    public void close() {
        net.close();
    }

    /** A stopped network's folders, for {@link LedgerAudit}. */
    record Stopped(NetworkPlan plan, Path root) implements ChaosCluster {
        @Override public List<Long> ids() { return plan.consenters().stream().map(c -> c.id().value()).toList(); }
        @Override public View view(long id) { return new View(false, "stopped", 0, 0, 0); }
        @Override public String broadcast(byte[] tx) { throw new IllegalStateException("stopped"); }
        @Override public void kill(long id) { }
        @Override public void start(long id) { throw new IllegalStateException("stopped"); }
        @Override public void partition(List<List<Long>> groups) { }
        @Override public void healAll() { }
        @Override public void killAll() { }
        @Override public void startAll() { throw new IllegalStateException("stopped"); }
        @Override public Path nodeDir(long id) { return root.resolve(plan.consenter(id).host()); }
        @Override public void close() { }
    }
}
