package io.raftlens.lsp.samples;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.validator.LoadedConfigtx;
import io.raftlens.raft.network.ConsenterPlan;
import io.raftlens.raft.network.ControlServer;
import io.raftlens.raft.network.DataDirectory;
import io.raftlens.raft.network.LocalNetwork;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.network.NetworkPlanLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A sample network launched in this JVM the way {@code ./raftlens launch} does it: the launch command written in
 * the sample's header comment is parsed with the real {@code launch} options, the configuration is loaded and
 * planned by the same classes, the nodes run with the control API. Two test-only changes: consenters listen on
 * free loopback ports instead of 7050, 8050 … (other processes on a shared machine may hold those) and the
 * operations endpoints and control API take ephemeral ports.
 */
final class LaunchedSample implements AutoCloseable {

    private static final Pattern COMMAND = Pattern.compile("\\./raftlens launch ([^`\\n]+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Path configtx;
    final NetworkPlan plan;
    final LocalNetwork net;
    final ControlServer control;

    private LaunchedSample(Path configtx, NetworkPlan plan, LocalNetwork net, ControlServer control) {
        this.configtx = configtx;
        this.plan = plan;
        this.net = net;
        this.control = control;
    }

    /** The arguments after {@code ./raftlens launch} in the sample's documented command (first one in its comment). */
    static List<String> documentedArgs(Path configtx) throws IOException {
        Matcher m = COMMAND.matcher(Files.readString(configtx));
        if (!m.find()) {
            throw new AssertionError(configtx + " does not document its ./raftlens launch command in a comment");
        }
        return List.of(m.group(1).trim().split("\\s+"));
    }

    /** Launches {@code configtx} with its documented arguments, the tick overridden to {@code tick}. */
    static LaunchedSample launch(Path configtx, Duration tick, Path dataDir) throws IOException {
        List<String> args = documentedArgs(configtx);
        CommandLine.ParseResult parsed = new CommandLine(new io.raftlens.lsp.cli.LaunchCommand()).parseArgs(args.toArray(String[]::new));
        Path documented = Repo.root().resolve(parsed.matchedPositionalValue(0, Path.of("")));
        if (!documented.normalize().equals(configtx.toAbsolutePath().normalize())) {
            throw new AssertionError(configtx + " documents a launch of another file: " + args);
        }
        List<NetworkPlanLoader.ChannelRequest> channels = new ArrayList<>();
        for (String c : parsed.matchedOptionValue("--channel", List.<String>of())) {
            String[] kv = c.split("=", 2);
            channels.add(new NetworkPlanLoader.ChannelRequest(kv[0], kv.length == 2 ? kv[1] : null));
        }
        LoadedConfigtx loaded = LoadedConfigtx.read(configtx);
        if (loaded.hasErrors() || loaded.model().isEmpty()) {
            throw new AssertionError(configtx + " does not load: " + loaded.errors());
        }
        Configtx model = loaded.model().get();
        Path ordererYaml = configtx.resolveSibling("orderer.yaml");
        OrdererYaml orderer = Files.isRegularFile(ordererYaml) ? OrdererYaml.load(ordererYaml) : null;
        String profile = parsed.matchedOptionValue("--profile", NetworkPlanLoader.defaultProfile(model));
        NetworkPlan sample = NetworkPlanLoader.load(model, profile, channels, orderer,
                new NetworkPlanLoader.Overrides(tick, 0));
        NetworkPlan plan = onFreePorts(sample);
        LocalNetwork net = LocalNetwork.start(plan, DataDirectory.prepare(dataDir, plan, true));
        try {
            return new LaunchedSample(configtx, plan, net, ControlServer.start(net, 0));
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e;
        }
    }

    private static NetworkPlan onFreePorts(NetworkPlan p) {
        List<ConsenterPlan> moved = new ArrayList<>();
        int[] ports = freePorts(p.consenters().size());
        for (int i = 0; i < ports.length; i++) {
            ConsenterPlan c = p.consenters().get(i);
            moved.add(new ConsenterPlan(c.id(), c.host(), ports[i], c.clientTlsCert(), c.serverTlsCert(), c.source()));
        }
        return new NetworkPlan(p.configtx(), p.profile(), moved, p.channels(), p.opsListenHost(), 0, p.walDir(),
                p.snapDir(), p.sendBufferSize());
    }

    static int[] freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] out = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket();
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                held.add(s);
                out[i] = s.getLocalPort();
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // only probing for a free port
                }
            }
        }
    }

    /** {@code http://127.0.0.1:PORT} of the control API. */
    String controlUrl() {
        return "http://127.0.0.1:" + control.port();
    }

    String metrics(long node) throws IOException, InterruptedException {
        return get("http://127.0.0.1:" + net.opsPort(node) + "/metrics");
    }

    static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + url + " -> " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** POSTs {@code path} of the control API with the launch's token, as a script using control-token would. */
    String post(String path, String body) throws IOException, InterruptedException {
        String url = controlUrl() + path;
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("X-RaftLens-Token", control.token().value()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError("POST " + url + " -> " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** The value of an unlabelled-but-channel series in a /metrics text, or NaN when absent. */
    static double value(String metricsText, String name, String channel) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{channel=\"" + Pattern.quote(channel)
                + "\"\\} (\\S+)$").matcher(metricsText);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        control.close();
        net.close();
    }
}
