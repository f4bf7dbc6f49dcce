package io.raftlens.lsp.live;

import io.raftlens.raft.ids.NodeId;
import io.raftlens.raft.network.ConsenterPlan;
import io.raftlens.raft.network.ControlServer;
import io.raftlens.raft.network.LocalNetwork;
import io.raftlens.raft.network.NetworkOperationException;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.network.NetworkSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The network launched from one document: the in-JVM {@link LocalNetwork}, the text it was launched
 * from (to tell when the file has been edited since), and the election journal fed by its events.
 */
public final class LiveNetwork implements AutoCloseable {

    private final String uri;
    private final LocalNetwork network;
    private final String launchedText;
    private final Launch launch;
    private final long launchedAt = System.currentTimeMillis();
    /** When the nodes began to start (before {@link #launchedAt}): where the launch's log begins. */
    private volatile long startedAt = launchedAt;
    private final ElectionJournal journal;
    private final AutoCloseable subscription;
    private final ControlServer control;

    /** What was asked for, to restart the same way. */
    public record Launch(String profile, List<String> channels, String tick, Integer opsBasePort, Integer controlPort) {}

    /** With {@code control} the network's control API (null: none), closed with it. */
    LiveNetwork(String uri, LocalNetwork network, ControlServer control, String launchedText, Launch launch,
                Consumer<String> changed) {
        this.uri = uri;
        this.control = control;
        this.network = network;
        this.launchedText = launchedText;
        this.launch = launch;
        this.journal = new ElectionJournal(this::name, network.plan().consenters().size());
        this.subscription = network.events().subscribe(e -> {
            journal.accept(e);
            changed.accept(uri);
        });
    }

    public String uri() {
        return uri;
    }

    public NetworkPlan plan() {
        return network.plan();
    }

    public LocalNetwork network() {
        return network;
    }

    /** The control API's port, when one was asked for. */
    public Optional<Integer> controlPort() {
        return Optional.ofNullable(control).map(ControlServer::port);
    }

    public Launch launch() {
        return launch;
    }

    public String launchedText() {
        return launchedText;
    }

    public long launchedAt() {
        return launchedAt;
    }

    public long startedAt() {
        return startedAt;
    }

    void startedAt(long millis) {
        this.startedAt = Math.min(millis, launchedAt);
    }

    public ElectionJournal journal() {
        return journal;
    }

    /** The channels in the order they were asked for (the plan's map has none). */
    public List<String> channels() {
        List<String> asked = launch.channels().stream().map(c -> c.split("=", 2)[0]).toList();
        return network.plan().channels().keySet().stream()
                .sorted(java.util.Comparator.comparingInt((String c) -> asked.indexOf(c) < 0 ? Integer.MAX_VALUE : asked.indexOf(c))
                        .thenComparing(c -> c))
                .toList();
    }

    public String name(NodeId id) {
        return network.plan().consenters().stream().filter(c -> c.id().equals(id)).map(ConsenterPlan::host).findFirst()
                .orElse(id.isNone() ? "none" : "node " + id);
    }

    /** A node named by node id ("3") or by consenter host ("orderer3.example.com", also "host:port"). */
    public NodeId resolve(String node) {
        String n = node.trim();
        if (n.matches("\\d+")) {
            long id = Long.parseLong(n);
            return network.plan().consenter(id).id();
        }
        for (ConsenterPlan c : network.plan().consenters()) {
            if (c.host().equalsIgnoreCase(n) || c.address().equalsIgnoreCase(n)) {
                return c.id();
            }
        }
        throw new NetworkOperationException(NetworkOperationException.Reason.NOT_FOUND, "no consenter " + n + " in the running network (consenters: "
                + String.join(", ", network.plan().consenters().stream().map(ConsenterPlan::address).toList()) + ")");
    }

    /** Every node's role, term, leader and height now (stopped nodes keep what they had), channels as asked for. */
    public NetworkSnapshot snapshot() {
        return network.snapshot().withChannels(channels());
    }

    /** Graceful stop of every node (leaders hand over first), then every thread and port is released. */
    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception ignored) {
            // the network closes its stream anyway
        }
        if (control != null) {
            control.close();
        }
        network.close();
    }
}
