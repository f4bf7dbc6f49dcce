package io.raftlens.lsp.cli;

import io.raftlens.raft.attach.EndpointMapping;
import io.raftlens.raft.attach.OperationsClient;
import io.raftlens.raft.attach.OrdererStatus;
import io.raftlens.raft.attach.ParticipationStatus;
import io.raftlens.raft.attach.StatusChanges;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.network.NetworkPlanner.Planned;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code raftlens attach CONFIGTX [--profile P] [--ops HOST=URL…] [--admin HOST=URL…]}: follows running orderers
 * (Fabric's or RaftLens's) through their operations endpoints and channel participation API, and prints the
 * table {@code launch} prints for its own nodes plus one line per change. Read-only: nothing is stopped or sent.
 * Consenters without {@code --ops} get the endpoint of their orderer.yaml ({@link EndpointMapping}: a
 * {@code <host>/orderer.yaml} beside CONFIGTX, else the orderer.yaml beside it as {@code launch} binds it), as the
 * editor's "Attach to running network" does.
 */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Follow running orderers through their operations endpoints and channel participation API.",
                "Polls /metrics and /healthz: a live table of each consenter's role per channel and one line per change."})
public final class AttachCommand implements Callable<Integer> {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Parameters(index = "0", paramLabel = "CONFIGTX", description = "the network's configtx.yaml (names the consenters)")
    Path configtx;

    @Mixin
    PlanOptions network = new PlanOptions();

    @Option(names = "--ops", paramLabel = "HOST=URL",
            description = {"an orderer's operations endpoint (Operations.ListenAddress), e.g. orderer1.example.com=http://127.0.0.1:9443 (repeatable);",
                    "consenters without one: Operations.ListenAddress of <host>/orderer.yaml beside CONFIGTX, else of the orderer.yaml beside it (+1 per consenter, as launch binds them)"})
    List<String> ops = new ArrayList<>();

    @Option(names = "--admin", paramLabel = "HOST=URL",
            description = "an orderer's channel participation API (Admin.ListenAddress), e.g. orderer1.example.com=https://127.0.0.1:7053 (repeatable)")
    List<String> admin = new ArrayList<>();

    @Option(names = "--cacert", paramLabel = "FILE", description = "TLS CA certificate(s) to trust for https endpoints (PEM)")
    Path cacert;

    @Option(names = "--cert", paramLabel = "FILE", description = "TLS client certificate (PEM) for endpoints with ClientAuthRequired")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "private key of --cert (PEM)")
    Path key;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s", description = "time between polls (default 2s)")
    String interval;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "stop after N polls (default: until Ctrl-C)")
    int count;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> opsUrls = pairs(ops, "--ops", err);
        Map<String, String> adminUrls = pairs(admin, "--admin", err);
        if (opsUrls == null || adminUrls == null) {
            return 2;
        }
        Duration every;
        try {
            every = Duration.parse("PT" + interval.toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            err.println("raftlens attach: --interval " + interval + " is not a duration (e.g. 500ms is not accepted; use 1s, 2s, 0.5s)");
            err.flush();
            return 2;
        }
        List<EndpointMapping.Consenter> planned = consenters(err);
        List<String> consenters = planned.stream().map(EndpointMapping.Consenter::host).toList();
        for (String host : opsUrls.keySet()) {
            if (!consenters.isEmpty() && !consenters.contains(host)) {
                err.println("raftlens attach: --ops " + host + " is not a consenter of the profile (consenters: "
                        + String.join(", ", consenters) + ")");
                err.flush();
                return 2;
            }
        }
        Map<String, Path> trust = new LinkedHashMap<>();
        Map<String, Path> adminTrust = new LinkedHashMap<>();
        if (!planned.isEmpty()) {
            // --admin entries first, else Admin.ListenAddress of the orderer.yaml files, as the editor's attach finds them
            EndpointMapping.Result admins = EndpointMapping.resolveAdmin(configtx, planned, adminUrls, "--admin");
            adminUrls = new LinkedHashMap<>();
            for (EndpointMapping.Endpoint e : admins.endpoints()) {
                adminUrls.put(e.consenter().host(), e.url());
                if (e.trust() != null) {
                    adminTrust.put(e.consenter().host(), e.trust());
                }
            }
            EndpointMapping.Result mapping = EndpointMapping.resolve(configtx, planned, opsUrls, "--ops");
            if (mapping.endpoints().isEmpty()) {
                err.println("raftlens attach: " + (mapping.missing().isEmpty() ? "no consenter to follow" : mapping.missing().get(0).why())
                        + (mapping.missing().size() > 1 ? " (and the same for " + (mapping.missing().size() - 1) + " more consenters)" : ""));
                err.flush();
                return 2;
            }
            for (EndpointMapping.Missing m : mapping.missing()) {
                err.println("raftlens attach: not following " + m.consenter().host() + ": " + m.why());
            }
            err.flush();
            opsUrls = new LinkedHashMap<>();
            for (EndpointMapping.Endpoint e : mapping.endpoints()) {
                opsUrls.put(e.consenter().host(), e.url());
                if (e.trust() != null) {
                    trust.put(e.consenter().host(), e.trust());
                }
            }
        } else if (opsUrls.isEmpty()) {
            err.println("raftlens attach: give each orderer's operations endpoint with --ops HOST=URL");
            err.flush();
            return 2;
        }
        Map<String, OperationsClient> clients = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> o : opsUrls.entrySet()) {
                Path ca = cacert != null || !o.getValue().startsWith("https://") ? cacert : trust.get(o.getKey());
                clients.put(o.getKey(), new OperationsClient(ca, cert, key, Duration.ofSeconds(3)));
            }
        } catch (IllegalArgumentException e) {
            err.println("raftlens attach: " + e.getMessage());
            err.flush();
            return 2;
        }
        Map<String, OperationsClient> adminClients = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> a : adminUrls.entrySet()) {
                Path ca = cacert != null || !a.getValue().startsWith("https://") ? cacert : adminTrust.get(a.getKey());
                adminClients.put(a.getKey(), new OperationsClient(ca, cert, key, Duration.ofSeconds(3)));
            }
        } catch (IllegalArgumentException e) {
            err.println("raftlens attach: " + e.getMessage());
            err.flush();
            return 2;
        }
        Map<String, OrdererStatus> last = Map.of();
        for (int poll = 1; count == 0 || poll <= count; poll++) {
            Map<String, OrdererStatus> now = new LinkedHashMap<>();
            for (Map.Entry<String, String> o : opsUrls.entrySet()) {
                now.put(o.getKey(), clients.get(o.getKey()).poll(o.getKey(), o.getValue(), Duration.ofSeconds(3)));
            }
            String stamp = LocalTime.now().format(CLOCK);
            if (poll == 1) {
                out.print(table(now));
                for (String line : participation(adminClients, adminUrls, cert == null)) {
                    out.println(line);
                }
            } else {
                List<String> changes = StatusChanges.between(last, now);
                for (String c : changes) {
                    out.println(stamp + " " + c);
                }
                if (!changes.isEmpty()) {
                    out.print(table(now));
                }
            }
            for (String risk : StatusChanges.risks(now)) {
                if (!StatusChanges.risks(last).contains(risk)) {
                    out.println(stamp + " WARNING " + risk);
                }
            }
            out.flush();
            last = now;
            if (count == 0 || poll < count) {
                Thread.sleep(every.toMillis());
            }
        }
        return 0;
    }

    private List<EndpointMapping.Consenter> consenters(PrintWriter err) {
        ByteArrayOutputStream problems = new ByteArrayOutputStream();
        try {
            Optional<Planned> planned = PlanReport.plan(network.request(configtx),
                    new PrintStream(problems, true, StandardCharsets.UTF_8));
            if (planned.isPresent() && planned.get().plan().isPresent()) {
                NetworkPlan plan = planned.get().plan().get();
                return plan.consenters().stream().map(c -> new EndpointMapping.Consenter(c.id().value(), c.host(), c.port())).toList();
            }
        } catch (RuntimeException e) {
            // fall through: attach still works from --ops alone
        }
        err.println("raftlens attach: could not read the consenters of " + configtx + " (following the --ops hosts as given)");
        err.flush();
        return List.of();
    }

    /** One line per orderer: each channel's consensus relation, status and height (Fabric's ChannelInfo), or why not. */
    private static List<String> participation(Map<String, OperationsClient> clients, Map<String, String> adminUrls, boolean noCert) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> a : adminUrls.entrySet()) {
            ParticipationStatus p = ParticipationStatus.poll(clients.get(a.getKey()), a.getKey(), a.getValue(), Duration.ofSeconds(3),
                    noCert ? "give an orderer admin's TLS client certificate with --cert and --key" : null);
            if (!p.reachable()) {
                lines.add(a.getKey() + " channel participation: unavailable (" + p.error() + ")");
                continue;
            }
            List<String> channels = p.channels().values().stream().map(i -> i.name() + " (" + i.consensusRelation().json() + ", "
                    + i.status().json() + ", height " + i.height() + ")").toList();
            lines.add(a.getKey() + " channel participation: " + (channels.isEmpty() ? "no channels" : String.join(", ", channels)));
        }
        return lines;
    }

    static String table(Map<String, OrdererStatus> now) {
        StringBuilder s = new StringBuilder(String.format("%-28s %-14s %-9s %8s %7s %7s %7s  %s%n",
                "orderer", "channel", "role", "height", "active", "size", "changes", "health"));
        for (OrdererStatus o : now.values()) {
            if (!o.reachable()) {
                s.append(String.format("%-28s %-14s %-9s %8s %7s %7s %7s  %s%n", o.host(), "-", "DOWN", "", "", "", "", o.error()));
                continue;
            }
            if (o.channels().isEmpty()) {
                s.append(String.format("%-28s %-14s %-9s %8s %7s %7s %7s  %s%n", o.host(), "-", "-", "", "", "", "", o.health()));
            }
            for (OrdererStatus.ChannelStatus c : o.channels().values()) {
                s.append(String.format("%-28s %-14s %-9s %8s %7s %7s %7s  %s%n", o.host(), c.channel(),
                        c.leader() ? "LEADER" : "follower", c.committedBlock() < 0 ? "?" : c.committedBlock() + 1,
                        num(c.activeNodes()), num(c.clusterSize()), num(c.leaderChanges()), o.health()));
            }
        }
        return s.toString();
    }

    private static String num(long v) {
        return v < 0 ? "?" : String.valueOf(v);
    }

    private static Map<String, String> pairs(List<String> values, String option, PrintWriter err) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            if (eq <= 0 || !(v.startsWith("http://", eq + 1) || v.startsWith("https://", eq + 1))) {
                err.println("raftlens attach: " + option + " " + v + ": expected HOST=URL, e.g. orderer1.example.com=http://127.0.0.1:9443");
                err.flush();
                return null;
            }
            out.put(v.substring(0, eq), v.substring(eq + 1));
        }
        return out;
    }
}
