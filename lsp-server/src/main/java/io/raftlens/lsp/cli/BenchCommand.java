package io.raftlens.lsp.cli;

import io.raftlens.raft.network.ControlJson;
import io.raftlens.raft.network.NetworkSnapshot;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.raftlens.config.value.GoDuration;
import io.raftlens.raft.network.BenchTarget;
import io.raftlens.raft.network.ControlToken;
import io.raftlens.raft.network.DataDirectory;
import io.raftlens.raft.network.GrpcBench;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import io.raftlens.raft.network.LocalNetwork;
import io.raftlens.raft.network.NetworkBench;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.network.NetworkPlanner;
import io.raftlens.raft.network.NetworkPlanner.Planned;
import io.raftlens.raft.node.BroadcastResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code raftlens bench}: throughput and broadcast→commit latency, leader fail-over after crashes, graceful
 * hand-over — against a running network (its control API) or one launched in this JVM.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Drive load at a Raft ordering network and measure throughput (tx/s), latency from broadcast to "
                + "committed block, and leader fail-over.",
                "Either --url of a running `raftlens launch` (control API) or --launch CONFIGTX to start one in this JVM "
                        + "(then CPU and heap are the network's)."})
public final class BenchCommand implements java.util.concurrent.Callable<Integer> {

    static final class Where {
        @Option(names = "--url", paramLabel = "URL", description = "control API of a running network, e.g. http://127.0.0.1:7080")
        String url;

        @Option(names = "--launch", paramLabel = "CONFIGTX", description = "launch this configtx.yaml's network in this JVM")
        Path launch;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Where where;

    @Option(names = "--profile", paramLabel = "NAME", description = "with --launch: profile")
    String profile;

    @Option(names = "--orderer-yaml", paramLabel = "FILE", description = "with --launch: orderer.yaml")
    Path ordererYaml;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "with --launch: data dir (default: a fresh temporary one); "
            + "with --url: the launch's data dir, whose control-token file authorises the POSTs")
    Path dataDir;

    @Option(names = "--token", paramLabel = "TOKEN", description = "with --url: the control API token printed by raftlens launch "
            + "(default: DIR/control-token of --data-dir, else the RAFTLENS_TOKEN environment variable)")
    String token;

    @Option(names = "--tick", paramLabel = "DURATION", description = "with --launch: override TickInterval")
    String tick;

    @Option(names = "--batch-timeout", paramLabel = "DURATION", description = "with --launch: override the profile's "
            + "Orderer.BatchTimeout (what decides latency at low rates; the report's network section says what was used)")
    String batchTimeout;

    @Option(names = "--max-message-count", paramLabel = "N", description = "with --launch: override the profile's "
            + "Orderer.BatchSize.MaxMessageCount")
    Integer maxMessageCount;

    @Option(names = "--ops-base-port", paramLabel = "PORT", defaultValue = "0", description = "with --launch: operations ports (default: ephemeral)")
    int opsBasePort;

    @Option(names = "--channel", defaultValue = "mychannel", description = "channel (default ${DEFAULT-VALUE})")
    String channel;

    @Option(names = "--duration", defaultValue = "20s", description = "load duration (default ${DEFAULT-VALUE}; 0 skips the load phase)")
    String duration;

    @Option(names = "--warmup", defaultValue = "5s", description = "load at the same rate before measuring, not counted: "
            + "lets the JIT compile the ordering path (default ${DEFAULT-VALUE}; 0s measures a cold network)")
    String warmup;

    @Option(names = "--tx-size", defaultValue = "256", description = "transaction bytes (default ${DEFAULT-VALUE})")
    int txSize;

    @Option(names = "--window", defaultValue = "8192", description = "outstanding broadcasts in closed loop (default ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--rate", defaultValue = "0", description = "open loop at this many tx/s (0: closed loop, maximum throughput)")
    int rate;

    @Option(names = "--kill-leader-every", paramLabel = "DURATION", description = "crash the leader this often and measure fail-over")
    String killEvery;

    @Option(names = "--kills", defaultValue = "20", description = "number of leader crashes (default ${DEFAULT-VALUE})")
    int kills;

    @Option(names = "--graceful-stops", defaultValue = "0", description = "also stop the leader gracefully this many times (hand-over time)")
    int gracefulStops;

    @Option(names = "--grpc", description = "with --launch: load through each node's orderer.AtomicBroadcast over TLS with envelopes "
            + "signed beforehand by a client identity (--client-msp), timed until their tx id is in a block on a Deliver stream")
    boolean grpc;

    @Option(names = "--streams", defaultValue = "8", description = "with --grpc: Broadcast streams, spread over the nodes (default ${DEFAULT-VALUE})")
    int streams;

    @Option(names = "--signed", defaultValue = "0", description = "with --grpc: envelopes to sign before each run (default: rate × seconds "
            + "+ window in open loop, 20000 per second of run in closed loop; a closed loop that uses them all ends early)")
    int signed;

    @Option(names = "--client-msp", paramLabel = "DIR", description = "with --grpc: the client's MSP folder (signcerts/, keystore/); "
            + "default: the first crypto/peerOrganizations/*/users/User1@*/msp beside the configtx.yaml")
    Path clientMsp;

    @Option(names = "--client-mspid", defaultValue = "Org1MSP", description = "with --grpc: the client's MSP ID (default ${DEFAULT-VALUE})")
    String clientMspId;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Duration load = parse(duration, "--duration");
        Duration warm = parse(warmup, "--warmup");
        Duration every = killEvery == null ? null : parse(killEvery, "--kill-leader-every");
        if (load == null || warm == null || (killEvery != null && every == null)) {
            return 2;
        }
        Duration batch = null;
        if (batchTimeout != null) {
            batch = parse(batchTimeout, "--batch-timeout");
            if (batch == null) {
                return 2;
            }
            if (batch.isZero()) {
                System.err.println("raftlens bench: --batch-timeout must be positive (e.g. 50ms), got " + batchTimeout);
                return 2;
            }
        }
        if (maxMessageCount != null && maxMessageCount < 1) {
            System.err.println("raftlens bench: --max-message-count must be at least 1, got " + maxMessageCount);
            return 2;
        }
        if ((batch != null || maxMessageCount != null) && where.launch == null) {
            System.err.println("raftlens bench: --batch-timeout and --max-message-count need --launch (they set the launched "
                    + "network's batch profile)");
            return 2;
        }
        if (grpc && where.launch == null) {
            System.err.println("raftlens bench: --grpc needs --launch (the bench connects to the nodes it launched)");
            return 2;
        }
        SigningIdentity client = null;
        if (grpc) {
            client = clientIdentity(where.launch);
            if (client == null) {
                return 2;
            }
        }
        LocalNetwork net = null;
        GrpcBench grpcBench = null;
        Path tempDir = null;
        BenchTarget target;
        Map<String, Object> report = new LinkedHashMap<>();
        if (where.launch != null) {
            Optional<Planned> planned = PlanReport.plan(NetworkPlanner.LaunchRequest.ofFile(where.launch, profile,
                    List.of(channel), ordererYaml, tick, opsBasePort), System.err);
            if (planned.isEmpty()) {
                return 1;
            }
            NetworkPlan plan = planned.get().plan().orElseThrow();
            plan = withBatchOverrides(plan, batch, maxMessageCount);
            Path root = dataDir;
            if (root == null) {
                tempDir = Files.createTempDirectory("raftlens-bench");
                root = tempDir;
            }
            try {
                net = LocalNetwork.start(plan, DataDirectory.prepare(root, plan, dataDir == null));
            } catch (RuntimeException e) {
                System.err.println("raftlens bench: " + e.getMessage());
                return 1;
            }
            target = BenchTarget.of(net);
            var ch = plan.channels().get(channel);
            report.put("network", Map.of("consenters", plan.consenters().size(), "tickInterval",
                    GoDuration.format(ch.tickInterval()), "electionTick", ch.electionTick(), "heartbeatTick", ch.heartbeatTick(),
                    "maxMessageCount", ch.maxMessageCount(), "batchTimeout", GoDuration.format(ch.batchTimeout()),
                    "inProcess", true, "batchOverridden", batchTimeout != null || maxMessageCount != null));
        } else {
            String auth = controlToken();
            if (auth == null) {
                System.err.println("raftlens bench: --url needs the launch's control API token: pass --token TOKEN, --data-dir of "
                        + "the launch (it holds " + ControlToken.FILE_NAME + "), or set RAFTLENS_TOKEN");
                return 2;
            }
            target = new HttpTarget(where.url, auth);
            report.put("network", Map.of("url", where.url, "inProcess", false));
        }
        try {
            NetworkBench bench = new NetworkBench(target, channel);
            long[] leader = bench.awaitLeader(Duration.ofSeconds(60));
            report.put("initialLeader", leader[0]);
            if (grpc && !load.isZero()) {
                grpcBench = GrpcBench.connect(net, client, channel);
                if (!warm.isZero()) {
                    grpcBench.throughput(grpcBench.sign(toSign(warm), txSize), warm, window, rate, streams, txSize);
                    report.put("warmupSeconds", warm.toMillis() / 1000.0);
                }
                report.put("throughput", grpcBench.throughput(grpcBench.sign(toSign(load), txSize), load, window, rate, streams, txSize));
            } else if (!load.isZero()) {
                if (!warm.isZero()) {
                    bench.throughput(warm, txSize, window, rate);
                    report.put("warmupSeconds", warm.toMillis() / 1000.0);
                }
                report.put("throughput", bench.throughput(load, txSize, window, rate));
            }
            if (every != null) {
                report.put("failover", bench.failover(kills, every, false));
            }
            if (gracefulStops > 0) {
                report.put("gracefulHandOver", bench.failover(gracefulStops, every != null ? every : Duration.ofSeconds(2), true));
            }
        } finally {
            if (grpcBench != null) {
                grpcBench.close();
            }
            if (net != null) {
                net.close();
            }
            if (tempDir != null) {
                deleteTree(tempDir);
            }
        }
        print(report);
        return 0;
    }

    /** How many envelopes to sign for a run of {@code d}. */
    private int toSign(Duration d) {
        if (signed > 0) {
            return signed;
        }
        double s = d.toMillis() / 1000.0;
        long n = rate > 0 ? (long) Math.ceil(rate * s) + window : (long) Math.ceil(20_000 * s);
        return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(1, n));
    }

    /** --client-msp (or the sample's User1 beside the configtx.yaml) as a signer; null after printing why not. */
    private SigningIdentity clientIdentity(Path configtx) throws IOException {
        Path msp = clientMsp;
        if (msp == null) {
            Path peers = configtx.toAbsolutePath().getParent().resolve("crypto/peerOrganizations");
            if (Files.isDirectory(peers)) {
                try (Stream<Path> s = Files.find(peers, 3, (p, a) -> a.isDirectory() && p.getFileName().toString().startsWith("User1@")
                        && p.getParent().getFileName().toString().equals("users"))) {
                    msp = s.sorted().map(p -> p.resolve("msp")).filter(Files::isDirectory).findFirst().orElse(null);
                }
            }
            if (msp == null) {
                System.err.println("raftlens bench: --grpc needs a client identity: no crypto/peerOrganizations/*/users/User1@*/msp "
                        + "beside " + configtx + "; pass --client-msp DIR (a folder with signcerts/ and keystore/) and --client-mspid");
                return null;
            }
        }
        Path cert = onlyFile(msp.resolve("signcerts"));
        Path key = onlyFile(msp.resolve("keystore"));
        if (cert == null || key == null) {
            System.err.println("raftlens bench: --client-msp " + msp + " needs one certificate in signcerts/ and one key in keystore/");
            return null;
        }
        try {
            return SigningIdentity.fromPemFiles(clientMspId, cert, key);
        } catch (Exception e) {
            System.err.println("raftlens bench: cannot read the client identity in " + msp + ": " + e.getMessage());
            return null;
        }
    }

    private static Path onlyFile(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().findFirst().orElse(null);
        }
    }

    private void print(Map<String, Object> report) throws IOException {
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(report));
            return;
        }
        for (Map.Entry<String, Object> e : report.entrySet()) {
            System.out.println(e.getKey() + ": " + e.getValue());
        }
    }

    /**
     * The plan with {@code --batch-timeout}/{@code --max-message-count} applied to every channel (they reach the
     * genesis block, which is encoded from the plan); both already checked.
     */
    private static NetworkPlan withBatchOverrides(NetworkPlan plan, Duration timeout, Integer messageCount) {
        if (timeout == null && messageCount == null) {
            return plan;
        }
        Map<String, io.raftlens.raft.node.ChainOptions> channels = new LinkedHashMap<>();
        for (var e : plan.channels().entrySet()) {
            var o = e.getValue();
            channels.put(e.getKey(), o.withBatch(messageCount != null ? messageCount : o.maxMessageCount(),
                    timeout != null ? timeout : o.batchTimeout()));
        }
        return new NetworkPlan(plan.configtx(), plan.profile(), plan.consenters(), channels, plan.opsListenHost(),
                plan.opsBasePort(), plan.walDir(), plan.snapDir(), plan.sendBufferSize(), plan.channelBlocks(),
                plan.participation(), plan.rpcTimeout());
    }

    private static Duration parse(String text, String option) {
        GoDuration.Parsed p = GoDuration.parse(text.trim());
        if (!p.ok() || p.value().isNegative()) {
            System.err.println("raftlens bench: " + option + " " + text + " is not a duration (e.g. 500ms, 20s)");
            return null;
        }
        return p.value();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }

    /** --token, else the launch data dir's control-token, else RAFTLENS_TOKEN; null when none is set. */
    private String controlToken() throws IOException {
        if (token != null && !token.isBlank()) {
            return token.trim();
        }
        if (dataDir != null) {
            java.util.Optional<String> saved = ControlToken.readFrom(dataDir);
            if (saved.isPresent()) {
                return saved.get();
            }
        }
        String env = System.getenv("RAFTLENS_TOKEN");
        return env == null || env.isBlank() ? null : env.trim();
    }

    /** A network reached through its control API; POSTs carry the launch's token. */
    static final class HttpTarget implements BenchTarget {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;
        private final ObjectMapper mapper = new ObjectMapper();
        private final String token;

        HttpTarget(String url, String token) {
            this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            this.token = token;
        }

        @Override
        public CompletableFuture<BroadcastResult> broadcast(String channel, byte[] tx) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/v1/channels/" + channel + "/broadcast"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(tx)).header(ControlToken.HEADER, token)
                    .timeout(Duration.ofSeconds(35)).build();
            return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
                if (r.statusCode() == 401) {
                    return BroadcastResult.unavailable("the control API refused the token (401): " + r.body(), 0);
                }
                try {
                    Map<?, ?> m = mapper.readValue(r.body(), Map.class);
                    String status = String.valueOf(m.get("status"));
                    return "SUCCESS".equals(status) ? BroadcastResult.success(((Number) m.get("block")).longValue())
                            : BroadcastResult.unavailable(String.valueOf(m.get("info")), 0);
                } catch (IOException e) {
                    return BroadcastResult.unavailable("bad response: " + r.body(), 0);
                }
            });
        }

        @Override
        public NetworkSnapshot snapshot() {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/network")).build(),
                        HttpResponse.BodyHandlers.ofString());
                return ControlJson.readNetwork(mapper.readValue(r.body(), Map.class));
            } catch (IOException e) {
                throw new IllegalStateException("cannot reach the control API at " + base + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }

        private void post(String path) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                        .POST(HttpRequest.BodyPublishers.noBody()).header(ControlToken.HEADER, token).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("POST " + path + ": " + r.statusCode() + " " + r.body());
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot reach the control API at " + base + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }

        @Override
        public void kill(long node) {
            post("/v1/nodes/" + node + "/kill");
        }

        @Override
        public void stop(long node) {
            post("/v1/nodes/" + node + "/stop");
        }

        @Override
        public void start(long node) {
            post("/v1/nodes/" + node + "/start");
        }
    }
}
