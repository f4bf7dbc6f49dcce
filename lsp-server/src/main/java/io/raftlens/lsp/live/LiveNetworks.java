package io.raftlens.lsp.live;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.raft.network.ControlServer;
import io.raftlens.raft.network.DataDirectory;
import io.raftlens.raft.network.LocalNetwork;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.network.NetworkSnapshot;
import io.raftlens.raft.network.NodeState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.lsp4j.services.LanguageClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The networks launched from open documents, one per file. Pushes their state to the client: diagnostics,
 * {@code raftlens/networkStatus}, and code-lens / inlay-hint refresh requests, throttled to five a second
 * and coalesced. {@link #close()} stops every network (shutdown, exit, client gone).
 */
public final class LiveNetworks implements AutoCloseable {

    /** At most five refreshes a second. */
    static final long REFRESH_INTERVAL_MS = 200;

    /** How long the first change after a quiet spell waits for the rest of its burst (an election's outcome). */
    static final long GATHER_MS = 40;

    private static final Logger LOG = LoggerFactory.getLogger(LiveNetworks.class);

    private final LiveEditor editor;
    private final Map<String, LiveNetwork> networks = new ConcurrentHashMap<>();
    private final Map<String, AttachedNetwork> attached = new ConcurrentHashMap<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "raftlens-live-refresh");
        t.setDaemon(true);
        return t;
    });
    private final RefreshThrottle throttle = new RefreshThrottle(pusher, REFRESH_INTERVAL_MS, GATHER_MS, this::push);
    private final Path dataRoot;
    private volatile boolean closed;

    public LiveNetworks(LiveEditor editor) {
        this(editor, Path.of(System.getProperty("java.io.tmpdir"), "raftlens-live"));
    }

    /** @param dataRoot where each file's network keeps its data, one folder per file and profile */
    public LiveNetworks(LiveEditor editor, Path dataRoot) {
        this.editor = editor;
        this.dataRoot = dataRoot;
    }

    public LiveEditor editor() {
        return editor;
    }

    public Optional<LiveNetwork> network(String uri) {
        return Optional.ofNullable(networks.get(uri));
    }

    /** The running orderers followed from {@code uri} ({@code raftlens.attachNetwork}), if any. */
    public Optional<AttachedNetwork> attached(String uri) {
        return Optional.ofNullable(attached.get(uri));
    }

    /**
     * Follows running orderers from {@code uri} (replacing an earlier attachment): starts polling on the attachment's
     * own thread, now and then every interval, never under this lock (an orderer that does not answer must not hold up
     * launches and other commands). Refused while a network launched from the same file runs: its view is already live.
     */
    public synchronized AttachedNetwork attach(AttachedNetwork network) {
        if (closed) {
            network.close();
            throw new IllegalStateException("the language server is shutting down");
        }
        if (networks.containsKey(network.uri())) {
            network.close();
            throw new IllegalStateException("a network launched from " + fileName(network.uri())
                    + " is running and already shown live; stop it (raftlens.stopNetwork) before attaching to other orderers");
        }
        detach(network.uri());
        attached.put(network.uri(), network);
        try {
            network.start();
        } catch (RuntimeException e) {
            attached.remove(network.uri());
            network.close();
            throw e;
        }
        changed(network.uri());
        return network;
    }

    /** Stops following the orderers of {@code uri}; its lenses, status and diagnostics clear. Nothing is sent to them. */
    public synchronized boolean detach(String uri) {
        AttachedNetwork a = attached.remove(uri);
        if (a == null) {
            return false;
        }
        a.close();
        changed(uri);
        return true;
    }

    /** The network of {@code uri}, or a clear error saying how to start one. */
    public LiveNetwork require(String uri) {
        LiveNetwork n = networks.get(uri);
        if (n == null) {
            throw new IllegalArgumentException("no network is running for " + fileName(uri) + "; run raftlens.launchNetwork first");
        }
        return n;
    }

    /**
     * Launches the network of {@code model} (stopping the one running for it first): fresh data under the
     * data root, consenter ports from the file, and the control API when {@code launch.controlPort()} is set.
     *
     * @throws IllegalArgumentException a bad config; IllegalStateException a port in use or unusable data dir
     */
    public synchronized LiveNetwork launch(DocumentModel model, NetworkPlan plan, LiveNetwork.Launch launch) {
        if (closed) {
            throw new IllegalStateException("the language server is shutting down");
        }
        stop(model.uri());
        detach(model.uri());
        DataDirectory dir = DataDirectory.prepare(dataDir(plan), plan, true);
        LocalNetwork local;
        long startedAt = System.currentTimeMillis();
        try {
            local = LocalNetwork.start(plan, dir);
        } catch (RuntimeException e) {
            dir.close();
            removeData(dir.root(), model.uri());
            throw e;
        }
        ControlServer control = null;
        if (launch.controlPort() != null) {
            try {
                control = ControlServer.start(local, launch.controlPort());
                control.token().writeTo(dir.root()); // for scripts; removed with the data when the network stops
            } catch (IOException | RuntimeException e) {
                if (control != null) {
                    control.close();
                }
                local.close();
                removeData(dir.root(), model.uri());
                throw new IllegalStateException("cannot serve the control API on 127.0.0.1:" + launch.controlPort() + " ("
                        + e.getMessage() + "); choose another \"controlPort\" or leave it out");
            }
        }
        LiveNetwork live = new LiveNetwork(model.uri(), local, control, model.text(), launch, this::changed);
        live.startedAt(startedAt);
        networks.put(model.uri(), live);
        changed(model.uri());
        return live;
    }

    /**
     * {@code DATA_ROOT/<folder>-<file>-<hash of its path>/<profile>}: the folder naming of {@code raftlens launch}'s
     * cache directory, under the data root instead. Editor networks are demos: every launch starts fresh and
     * the data is removed when the network stops ({@code raftlens launch} is the way to keep a ledger).
     */
    private Path dataDir(NetworkPlan plan) {
        Path cacheStyle = DataDirectory.defaultFor(plan.configtx(), plan.profile());
        return dataRoot.resolve(cacheStyle.getParent().getFileName()).resolve(cacheStyle.getFileName());
    }

    /** Stops the network of {@code uri}, if any; its lenses, status and {@code raft} diagnostics clear. */
    public synchronized boolean stop(String uri) {
        LiveNetwork n = networks.remove(uri);
        if (n == null) {
            return false;
        }
        closeAndClean(n);
        changed(uri);
        return true;
    }

    /** A document changed, or its network did: push the new state soon (coalesced). */
    public void changed(String uri) {
        dirty.add(uri);
        try {
            throttle.request();
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private void push() {
        List<String> uris = new ArrayList<>(dirty);
        dirty.removeAll(uris);
        LanguageClient client = editor.client();
        for (String uri : uris) {
            editor.revalidate(uri);
            if (client instanceof RaftLensClient rc) {
                try {
                    statuses(uri).forEach(rc::networkStatus);
                } catch (RuntimeException e) {
                    LOG.debug("networkStatus to the client failed: {}", e.toString());
                }
            }
        }
        if (client != null && !uris.isEmpty()) {
            if (editor.codeLensRefresh()) {
                client.refreshCodeLenses();
            }
            if (editor.inlayHintRefresh()) {
                client.refreshInlayHints();
            }
        }
    }

    /** One {@code raftlens/networkStatus} per channel; a single not-running status once the network stopped. */
    List<NetworkStatus> statuses(String uri) {
        LiveNetwork n = networks.get(uri);
        AttachedNetwork a = attached.get(uri);
        if (n == null && a == null) {
            return List.of(new NetworkStatus(uri, null, false, List.of()));
        }
        NetworkSnapshot s = n != null ? n.snapshot() : a.snapshot();
        Optional<ConsenterLayout> layout = editor.model(uri).flatMap(m -> ConsenterLayout.of(m, s.profile()));
        List<NetworkStatus> out = new ArrayList<>();
        for (String ch : s.channels()) {
            List<NetworkStatus.Node> nodes = new ArrayList<>();
            for (NodeState node : s.nodes()) {
                nodes.add(new NetworkStatus.Node(node.id().value(), node.host(), node.role(ch).label(), node.term(ch), node.leader(ch).value(),
                        node.height(ch), layout.flatMap(l -> l.entry(node.host(), node.port()))
                        .map(ConsenterLayout.Entry::range).orElse(null), a == null ? null : participation(a, node, ch)));
            }
            out.add(new NetworkStatus(uri, ch, true, nodes, n == null));
        }
        return out;
    }

    /** An attached orderer's part in {@code channel} as its channel participation API said it; null when it did not. */
    private static String participation(AttachedNetwork a, NodeState node, String channel) {
        io.raftlens.raft.attach.ParticipationStatus p = a.participation().get(node.host() + ":" + node.port());
        if (p == null || !p.reachable()) {
            return null;
        }
        return p.channels().containsKey(channel) ? io.raftlens.raft.attach.ParticipationStatus.describe(p.channels().get(channel)) : "not joined";
    }

    /** Stops every network and the refresh thread; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (String uri : List.copyOf(networks.keySet())) {
            closeAndClean(networks.remove(uri));
        }
        for (String uri : List.copyOf(attached.keySet())) {
            attached.remove(uri).close();
        }
        pusher.shutdownNow();
        try {
            pusher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops a network and removes its data: an editor network starts fresh at every launch, so none is kept. */
    private static void closeAndClean(LiveNetwork n) {
        try {
            n.close();
        } catch (RuntimeException e) {
            LOG.warn("stopping the network of {} failed: {}", n.uri(), e.toString());
        }
        removeData(n.network().dataDir(), n.uri());
    }

    private static void removeData(Path data, String uri) {
        try (Stream<Path> walk = Files.walk(data)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
            Path fileFolder = data.getParent();
            try (Stream<Path> rest = Files.list(fileFolder)) {
                if (rest.findAny().isEmpty()) {
                    Files.deleteIfExists(fileFolder);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not remove the data of the network of {} in {}: {}", uri, data, e.toString());
        }
    }

    static String fileName(String uri) {
        int slash = uri.lastIndexOf('/');
        return slash >= 0 ? uri.substring(slash + 1) : uri;
    }
}
