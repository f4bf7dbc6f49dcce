package io.raftlens.lsp.cli;

import io.raftlens.raft.network.ControlServer;
import io.raftlens.raft.network.ControlToken;
import io.raftlens.raft.network.DataDirectory;
import io.raftlens.raft.network.LocalNetwork;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.network.NetworkPlanner.Planned;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code raftlens launch}: every consenter of a profile as a node in this JVM, with the control API. */
@Command(name = "launch", mixinStandardHelpOptions = true,
        description = {"Start every consenter of the profile's EtcdRaft section as a Raft ordering node on 127.0.0.1, "
                + "each channel its own Raft group; show the live state and serve the control API.",
                "Ctrl-C stops gracefully (leaders hand over first); a restart with the same data dir resumes from the WAL."})
public final class LaunchCommand implements java.util.concurrent.Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONFIGTX", description = "the configtx.yaml")
    Path configtx;

    @Mixin
    PlanOptions network = new PlanOptions();

    @Option(names = "--data-dir", paramLabel = "DIR", description = "node data (default: under ~/.cache/raftlens, printed at start)")
    Path dataDir;

    @Option(names = "--fresh", description = "empty the data dir first")
    boolean fresh;

    @Option(names = "--control-port", paramLabel = "PORT", defaultValue = "7080", description = "control API port (default ${DEFAULT-VALUE})")
    int controlPort;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        int[] refused = new int[1];
        Optional<Planned> planned = PlanReport.plan(network.request(configtx), err, refused);
        if (planned.isEmpty()) {
            return refused[0]; // 2: unreadable input (a FIFO, a device, a huge file), with its one-line reason
        }
        NetworkPlan plan;
        try {
            plan = network.withConfigBlocks(planned.get());
        } catch (IllegalArgumentException e) {
            err.println("raftlens launch: " + e.getMessage());
            return e.getMessage().startsWith("cannot read") ? 2 : 1;
        }
        Path root = dataDir != null ? dataDir : DataDirectory.defaultFor(configtx, plan.profile());
        DataDirectory dir;
        try {
            dir = DataDirectory.prepare(root, plan, fresh);
        } catch (IllegalStateException e) {
            err.println("raftlens launch: " + e.getMessage());
            return 1;
        }
        Terminal terminal = Terminal.detect();
        PinnedTable pinned = terminal.pinned() ? new PinnedTable(out, terminal.color()) : null;
        if (pinned != null) {
            // Log lines (logback's console appender writes to whatever System.err is at the time) and messages
            // go above the pinned table from here on.
            System.setErr(new PinnedTable.LogLines(pinned, err).printStream());
            err = System.err;
        }
        out.println("raftlens launch: profile " + plan.profile() + ", channels " + String.join(", ", plan.channels().keySet())
                + ", " + plan.consenters().size() + " consenters; data dir " + dir.root() + (fresh ? " (emptied)" : ""));
        if (plan.etcdRaftVersion() != io.raftlens.raft.core.EtcdRaftVersion.V3_6) {
            // Said only when it is not what a Fabric 3 configuration (and the walkthrough) gets.
            out.println("raftlens launch: nodes run etcd raft " + plan.etcdRaftVersion().label()
                    + " as Fabric 2.5 to 3.1.4 do (self-vote and self-ack counted at once); --fabric-version to change");
        }
        LocalNetwork net;
        try {
            net = LocalNetwork.start(plan, dir);
        } catch (RuntimeException e) {
            err.println("raftlens launch: " + e.getMessage());
            return 1;
        }
        ControlServer control;
        try {
            control = ControlServer.start(net, controlPort);
        } catch (IOException e) {
            net.close();
            err.println("raftlens launch: cannot serve the control API on 127.0.0.1:" + controlPort + " (" + e.getMessage()
                    + "); pass --control-port");
            return 1;
        }
        Path tokenFile;
        try {
            tokenFile = control.token().writeTo(dir.root());
        } catch (IOException e) {
            control.close();
            net.close();
            err.println("raftlens launch: cannot write " + dir.root().resolve(ControlToken.FILE_NAME) + " (" + e.getMessage()
                    + "); check the data dir's permissions or pass --data-dir");
            return 1;
        }
        out.println("raftlens launch: control API http://127.0.0.1:" + control.port() + "/v1/network, events /v1/events;"
                + " POSTs need header " + ControlToken.HEADER + ": " + control.token().value() + " (also in " + tokenFile + ");"
                + " metrics " + net.nodes().stream().map(n -> "http://" + plan.opsListenHost() + ":" + net.opsPort(n.id()) + "/metrics")
                .findFirst().orElse("") + " (+1 per node);"
                + net.nodes().stream().findFirst().flatMap(n -> net.adminUrl(n.id()))
                        .map(u -> " channel participation " + u + "/participation/v1/channels (+1 per node);").orElse("")
                + " Ctrl-C stops");
        CountDownLatch stopped = new CountDownLatch(1);
        ScheduledExecutorService view = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "raftlens-table");
            t.setDaemon(true);
            return t;
        });
        LiveTable table = new LiveTable(net::snapshot,
                pinned != null ? pinned : new ChangeLines(out, System::currentTimeMillis));
        AutoCloseable sub = net.events().subscribe(table::onEvent);
        view.scheduleWithFixedDelay(table::refresh, 200, 250, TimeUnit.MILLISECONDS);
        PrintStream log = err;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (pinned != null) {
                pinned.unpin();
            }
            log.println("raftlens launch: stopping (leaders transfer leadership first)…");
            view.shutdownNow();
            control.close();
            net.stopAll();
            net.close();
            log.println("raftlens launch: stopped; data kept in " + dir.root());
            stopped.countDown();
        }, "raftlens-shutdown"));
        try {
            stopped.await();
            sub.close();
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
