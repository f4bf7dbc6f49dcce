package io.raftlens.lsp.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.raftlens.config.fabric.FileKind;
import io.raftlens.config.fabric.ValidationSettings;
import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.validate.ValidationResult;
import io.raftlens.config.validator.ConfigValidator;
import io.raftlens.config.validator.LoadedConfigtx;
import io.raftlens.config.value.GoDuration;
import io.raftlens.raft.network.ControlServer;
import io.raftlens.raft.network.ControlToken;
import io.raftlens.raft.network.DataDirectory;
import io.raftlens.raft.network.LocalNetwork;
import io.raftlens.raft.network.NetworkEvent;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.network.NetworkPlanLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
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

    @Option(names = "--profile", paramLabel = "NAME", description = "profile to launch (default: the first etcdraft profile)")
    String profile;

    @Option(names = "--channel", paramLabel = "NAME[=PROFILE]",
            description = "a channel to create (repeatable; default mychannel from the launch profile)")
    List<String> channels = new ArrayList<>();

    @Option(names = "--orderer-yaml", paramLabel = "FILE",
            description = "orderer.yaml (default: one beside CONFIGTX when present)")
    Path ordererYaml;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "node data (default: under ~/.cache/raftlens, printed at start)")
    Path dataDir;

    @Option(names = "--fresh", description = "empty the data dir first")
    boolean fresh;

    @Option(names = "--control-port", paramLabel = "PORT", defaultValue = "7080", description = "control API port (default ${DEFAULT-VALUE})")
    int controlPort;

    @Option(names = "--ops-base-port", paramLabel = "PORT",
            description = "operations endpoint of the first node (+1 per node; default Operations.ListenAddress or 8443)")
    Integer opsBasePort;

    @Option(names = "--tick", paramLabel = "DURATION", description = "override every channel's TickInterval (e.g. 100ms)")
    String tick;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        Setup setup = Setup.prepare(configtx, profile, channels, ordererYaml, tick, opsBasePort, err);
        if (setup == null) {
            return 1;
        }
        NetworkPlan plan = setup.plan();
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
                .findFirst().orElse("") + " (+1 per node); Ctrl-C stops");
        CountDownLatch stopped = new CountDownLatch(1);
        ScheduledExecutorService view = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "raftlens-table");
            t.setDaemon(true);
            return t;
        });
        LiveTable table = new LiveTable(net::describe,
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

    /** Validated configuration turned into a network plan; shared with {@code raftlens node} and {@code bench}. */
    record Setup(NetworkPlan plan, OrdererYaml orderer, Path ordererYaml) {

        static Setup prepare(Path configtx, String profile, List<String> channelArgs, Path ordererYaml, String tick,
                             Integer opsBasePort, PrintStream err) {
            if (!Files.isReadable(configtx)) {
                err.println("raftlens: cannot read " + configtx + " (no such file or not readable)");
                return null;
            }
            Path orderer = ordererYaml;
            if (orderer == null) {
                Path beside = configtx.toAbsolutePath().resolveSibling("orderer.yaml");
                orderer = Files.isRegularFile(beside) ? beside : null;
            } else if (!Files.isReadable(orderer)) {
                err.println("raftlens: cannot read orderer.yaml " + orderer + " (no such file or not readable)");
                return null;
            }
            LoadedConfigtx loaded;
            OrdererYaml ordererModel = null;
            try {
                loaded = LoadedConfigtx.read(configtx);
                boolean errors = print(loaded.validation(), err);
                if (orderer != null) {
                    ValidationResult r = new ConfigValidator(ValidationSettings.defaults())
                            .validate(orderer, Files.readString(orderer), FileKind.ORDERER);
                    errors |= print(r, err);
                    ordererModel = OrdererYaml.load(orderer);
                }
                if (errors || loaded.model().isEmpty()) {
                    err.println("raftlens: fix the errors above, then launch again (raftlens validate shows them too)");
                    return null;
                }
            } catch (IOException e) {
                err.println("raftlens: cannot read configuration: " + e.getMessage());
                return null;
            }
            Duration tickOverride = null;
            if (tick != null) {
                GoDuration.Parsed p = GoDuration.parse(tick.trim());
                if (!p.ok() || p.value().isZero() || p.value().isNegative()) {
                    err.println("raftlens: --tick " + tick + " is not a positive duration (e.g. 100ms, 1s)");
                    return null;
                }
                tickOverride = p.value();
            }
            List<NetworkPlanLoader.ChannelRequest> requests = new ArrayList<>();
            Pattern name = Pattern.compile("[a-z][a-z0-9.-]*");
            for (String c : channelArgs) {
                String[] kv = c.split("=", 2);
                if (!name.matcher(kv[0]).matches()) {
                    err.println("raftlens: --channel " + kv[0] + " is not a valid channel name (lower case letters, digits, '.' and '-', starting with a letter)");
                    return null;
                }
                requests.add(new NetworkPlanLoader.ChannelRequest(kv[0], kv.length == 2 ? kv[1] : null));
            }
            try {
                var model = loaded.model().get();
                String prof = profile != null ? profile : NetworkPlanLoader.defaultProfile(model);
                NetworkPlan plan = NetworkPlanLoader.load(model, prof, requests, ordererModel,
                        new NetworkPlanLoader.Overrides(tickOverride, opsBasePort));
                if (tickOverride == null && ordererModel != null && ordererModel.consensus().tickIntervalOverride().isPresent()) {
                    org.slf4j.LoggerFactory.getLogger("orderer.consensus.etcdraft").info(
                            "TickIntervalOverride is set, overriding channel configuration tick interval to {}",
                            GoDuration.format(ordererModel.consensus().tickIntervalOverride().get()));
                }
                return new Setup(plan, ordererModel, orderer);
            } catch (IllegalArgumentException e) {
                err.println("raftlens: " + e.getMessage());
                return null;
            }
        }

        private static boolean print(ValidationResult r, PrintStream err) {
            boolean errors = false;
            for (Diagnostic d : r.diagnostics()) {
                if (d.severity() == Severity.ERROR) {
                    errors = true;
                    err.println(r.file() + ":" + (d.range().start().line() + 1) + ":" + (d.range().start().column() + 1)
                            + ": error: " + d.message() + " [" + d.code() + "]");
                }
            }
            return errors;
        }
    }

    /** Logback {@code %fabricSeq}: Fabric's per-process log sequence number, {@code %04x}. */
    public static final class FabricSequence extends ClassicConverter {
        private static final AtomicLong SEQ = new AtomicLong();

        @Override
        public String convert(ILoggingEvent event) {
            return String.format("%04x", SEQ.incrementAndGet());
        }
    }

    /** Logback {@code %fabricFunc}: the Fabric/etcd function that prints a line, as flogging's {@code %{shortfunc}}. */
    public static final class FabricFunction extends ClassicConverter {
        private static final List<Map.Entry<Pattern, String>> RULES = List.of(
                Map.entry(Pattern.compile(" became follower "), "becomeFollower"),
                Map.entry(Pattern.compile(" became pre-candidate "), "becomePreCandidate"),
                Map.entry(Pattern.compile(" became candidate "), "becomeCandidate"),
                Map.entry(Pattern.compile(" became leader "), "becomeLeader"),
                Map.entry(Pattern.compile("^newRaft "), "newRaft"),
                Map.entry(Pattern.compile(" sent Msg\\w+ request "), "campaign"),
                Map.entry(Pattern.compile(" received Msg\\w+Resp (rejection )?from "), "poll"),
                Map.entry(Pattern.compile(" has received \\d+ "), "stepCandidate"),
                Map.entry(Pattern.compile(" stepped down to follower"), "stepLeader"),
                Map.entry(Pattern.compile("transfer leadership|MsgTimeoutNow to"), "stepLeader"),
                Map.entry(Pattern.compile(" switched to configuration "), "switchToConfig"),
                Map.entry(Pattern.compile("^raft\\.node: |^Raft leader changed|^Start accepting requests|^This node is picked"
                        + "|^Leader \\d+ is present|^WAL sync took|^Raft node stopped|^Failed to propose"), "run"),
                Map.entry(Pattern.compile("^Starting Raft node$|^Starting Raft node "), "Start"),
                Map.entry(Pattern.compile("^Starting raft node|^Restarting raft node"), "start"),
                Map.entry(Pattern.compile("^Transferring leadership|^Leader has been transferred"), "abdicateLeadership"),
                Map.entry(Pattern.compile("^Writing block"), "writeBlock"),
                Map.entry(Pattern.compile("^Created block"), "propose"),
                Map.entry(Pattern.compile("^Accumulated "), "apply"),
                Map.entry(Pattern.compile("^Catching up|^Finished syncing"), "catchUp"),
                Map.entry(Pattern.compile("TickIntervalOverride"), "New"),
                Map.entry(Pattern.compile(" received MsgTimeoutNow from "), "stepFollower"),
                Map.entry(Pattern.compile(" starting a new election | cast Msg| rejected Msg| ignored | received a Msg"), "Step"));

        @Override
        public String convert(ILoggingEvent event) {
            String msg = event.getFormattedMessage();
            for (Map.Entry<Pattern, String> r : RULES) {
                if (r.getKey().matcher(msg).find()) {
                    return r.getValue();
                }
            }
            String name = event.getLoggerName();
            return name.substring(name.lastIndexOf('.') + 1);
        }
    }

    /** Logback {@code %fabricModule}: Fabric's logger names for RaftLens' classes. */
    public static final class FabricModule extends ClassicConverter {
        @Override
        public String convert(ILoggingEvent event) {
            String name = event.getLoggerName();
            if (name.startsWith("orderer.")) {
                return name;
            }
            if (name.startsWith("io.raftlens.raft.transport")) {
                return "orderer.common.cluster.comm";
            }
            if (name.startsWith("io.raftlens.raft.wal")) {
                return "orderer.consensus.etcdraft.wal";
            }
            if (name.startsWith("io.raftlens.raft.orderer")) {
                return "orderer.common.ledger";
            }
            if (name.startsWith("io.raftlens.raft.metrics")) {
                return "orderer.common.operations";
            }
            return name.startsWith("io.raftlens.") ? "raftlens." + name.substring(name.lastIndexOf('.') + 1) : name;
        }
    }
}
