package io.raftlens.lsp.live;

import io.raftlens.raft.ids.NodeId;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.raft.network.NetworkOperationException;
import io.raftlens.raft.network.NetworkPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The {@code raftlens.*} commands of {@code workspace/executeCommand}. They run one at a time on their own
 * thread (a launch takes a second or two). A failure — bad argument, port in use, node not running — is a
 * window/showMessage error and the result {@code {"error": "…"}}; success returns what was done.
 */
public final class LiveCommands {

    public static final String LAUNCH = "raftlens.launchNetwork";
    public static final String STOP = "raftlens.stopNetwork";
    public static final String STOP_NODE = "raftlens.stopNode";
    public static final String KILL_NODE = "raftlens.killNode";
    public static final String START_NODE = "raftlens.startNode";
    public static final String ISOLATE_NODE = "raftlens.isolateNode";
    public static final String HEAL = "raftlens.heal";
    public static final String TRANSFER_LEADER = "raftlens.transferLeader";
    public static final String TIMELINE = "raftlens.electionTimeline";
    public static final String ATTACH = "raftlens.attachNetwork";
    public static final String DETACH = "raftlens.detachNetwork";

    public static final List<String> ALL = List.of(LAUNCH, STOP, STOP_NODE, KILL_NODE, START_NODE, ISOLATE_NODE, HEAL,
            TRANSFER_LEADER, TIMELINE, ATTACH, DETACH);

    private final LiveNetworks networks;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "raftlens-live-command");
        t.setDaemon(true);
        return t;
    });

    private final LiveAttach attach;

    public LiveCommands(LiveNetworks networks) {
        this.networks = networks;
        this.attach = new LiveAttach(networks);
    }

    public boolean handles(String command) {
        return ALL.contains(command);
    }

    public CompletableFuture<Object> execute(String command, List<Object> arguments) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return run(command, CommandArguments.of(command, arguments));
            } catch (IllegalArgumentException | IllegalStateException | NetworkOperationException e) {
                return fail(command, e.getMessage());
            }
        }, worker).thenCompose(LiveCommands::settled);
    }

    /** A command whose answer waits for orderers (attach) hands back a future: the command thread is free meanwhile. */
    private static CompletableFuture<Object> settled(Object answer) {
        if (answer instanceof CompletableFuture<?> later) {
            return later.thenApply(a -> (Object) a);
        }
        return CompletableFuture.completedFuture(answer);
    }

    private Object run(String command, CommandArguments args) {
        String uri = args.uri();
        return switch (command) {
            case LAUNCH -> launch(uri, args);
            case STOP -> Map.of("stopped", networks.stop(uri));
            case ATTACH -> attach.attach(uri, args);
            case DETACH -> Map.of("detached", networks.detach(uri));
            case TIMELINE -> {
                LiveNetwork n = networks.require(uri);
                yield ElectionTimeline.markdown(n.journal().rows(), n::name, n.channels().size() > 1);
            }
            default -> node(command, networks.require(uri), args);
        };
    }

    private Object launch(String uri, CommandArguments args) {
        DocumentModel model = networks.editor().model(uri).orElseThrow(() -> new IllegalArgumentException(
                LiveNetworks.fileName(uri) + " is not open; open it to launch its network"));
        NetworkPlan plan = LivePlanner.plan(model, args.string("profile"), args.position(), args.channels(),
                args.string("tick"), args.integer("opsBasePort"));
        LiveNetwork live = networks.launch(model, plan, new LiveNetwork.Launch(plan.profile(), args.channels(),
                args.string("tick").orElse(null), args.integer("opsBasePort").orElse(null), args.integer("controlPort").orElse(null)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uri", uri);
        out.put("profile", plan.profile());
        out.put("channels", live.channels());
        out.put("consenters", plan.consenters().stream().map(c -> c.address()).toList());
        out.put("tick", plan.channels().values().iterator().next().tickInterval().toMillis() + "ms");
        out.put("dataDir", live.network().dataDir().toString());
        live.controlPort().ifPresent(p -> {
            out.put("controlApi", "http://127.0.0.1:" + p + "/v1/network");
            // POSTs need the per-launch token; the file (mode 0600) holds it, the reply does not
            out.put("controlTokenFile", live.network().dataDir().resolve(io.raftlens.raft.network.ControlToken.FILE_NAME).toString());
        });
        return out;
    }

    private Object node(String command, LiveNetwork n, CommandArguments args) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (command.equals(HEAL) && args.string("node").isEmpty()) {
            n.network().healAll();
            out.put("healed", "all");
            return out;
        }
        if (command.equals(TRANSFER_LEADER)) {
            NodeId to = n.resolve(args.string("to").or(() -> args.string("node")).orElseThrow(() -> new IllegalArgumentException(
                    TRANSFER_LEADER + ": \"to\" (the consenter to make leader, node id or host) is missing")));
            List<String> channels = args.channels().isEmpty() ? n.channels() : args.channels();
            for (String ch : channels) {
                n.network().transferLeader(ch, to.value());
            }
            out.put("to", n.name(to));
            out.put("channels", channels);
            return out;
        }
        NodeId id = n.resolve(args.string("node").orElseThrow(() -> new IllegalArgumentException(
                command + ": \"node\" (node id or consenter host) is missing")));
        switch (command) {
            case STOP_NODE -> n.network().stopNode(id.value());
            case KILL_NODE -> n.network().killNode(id.value());
            case START_NODE -> n.network().startNode(id.value());
            case ISOLATE_NODE -> n.network().isolateNode(id.value());
            case HEAL -> n.network().healNode(id.value());
            default -> throw new IllegalArgumentException("unknown command " + command);
        }
        out.put("node", id.value());
        out.put("name", n.name(id));
        out.put("done", command.substring(command.indexOf('.') + 1));
        return out;
    }

    private Map<String, Object> fail(String command, String message) {
        LanguageClient client = networks.editor().client();
        if (client != null) {
            client.showMessage(new MessageParams(MessageType.Error, "RaftLens: " + message));
        }
        return Map.of("error", message);
    }

    /** Stops accepting commands (the networks themselves stop in {@link LiveNetworks#close()}). */
    public void close() {
        worker.shutdownNow();
    }
}
