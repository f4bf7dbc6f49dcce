package io.raftlens.raft.chaos;

import io.raftlens.raft.network.TestNetworks;
import io.raftlens.raft.network.DataDirectory;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.network.NodeIdentities;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Five consenters, each its own JVM ({@link ChaosNodeMain}) on loopback; a crash is a real {@code kill -9}
 * ({@link Process#destroyForcibly()} sends SIGKILL on Unix). Each process's output goes to {@code logs/<id>.log}.
 * No node outlives the test: a failed start kills what started, {@link #killStrays()} (the test's {@code @AfterEach})
 * and a shutdown hook kill whatever any cluster left, and each node exits by itself when this JVM is gone.
 */
final class ProcessCluster implements ChaosCluster {

    private final Path root;
    private final Path logs;
    private final int[] ports;
    private final long snapshotBytes;
    private final NetworkPlan plan;
    /** Every node process any cluster of this JVM started and has not seen exit. */
    private static final java.util.Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessCluster::killStrays, "chaos-kill-strays"));
    }

    private final Map<Long, Process> processes = new ConcurrentHashMap<>();
    private final Map<Long, Integer> controlPorts = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile long leaderHint;
    /** How long each node process took to reach main and to serve, printed at close: where a slow start goes. */
    private final List<String> startTimes = new java.util.concurrent.CopyOnWriteArrayList<>();

    ProcessCluster(Path root, Path logs, long snapshotBytes) throws Exception {
        this.root = root;
        this.logs = logs;
        this.snapshotBytes = snapshotBytes;
        this.ports = TestNetworks.freePorts(5);
        this.plan = ChaosPlans.plan(root, ports, snapshotBytes);
        Files.createDirectories(logs);
        // the marker and development CA are made once, before five processes race to read them
        DataDirectory dir = DataDirectory.prepareForNode(root, plan);
        NodeIdentities.resolve(plan, dir.root().resolve("devca"));
        try {
            startAll();
        } catch (Exception | Error e) {
            killAll();
            throw e;
        }
    }

    /** Kills (SIGKILL) every node process still running; returns how many there were. */
    static int killStrays() {
        int n = 0;
        for (Process p : List.copyOf(LIVE)) {
            if (p.isAlive()) {
                p.destroyForcibly();
                n++;
            }
            LIVE.remove(p);
        }
        return n;
    }

    @Override
    public List<Long> ids() {
        return plan.consenters().stream().map(c -> c.id().value()).toList();
    }

    @Override
    public View view(long id) {
        Process p = processes.get(id);
        if (p == null || !p.isAlive()) {
            return new View(false, "stopped", 0, 0, 0);
        }
        try {
            String[] s = get(id, "/status").split(" ");
            return new View(true, s[0], Long.parseLong(s[1]), Long.parseLong(s[2]), Long.parseLong(s[3]));
        } catch (Exception e) {
            return new View(false, "unreachable", 0, 0, 0);
        }
    }

    @Override
    public String broadcast(byte[] tx) throws Exception {
        long target = leaderHint;
        if (target == 0 || !isUp(target)) {
            target = 0;
            for (long id : ids()) {
                View v = view(id);
                if (v.running() && "leader".equals(v.role())) {
                    target = id;
                    break;
                }
            }
            if (target == 0) {
                Thread.sleep(50);
                return "NO_LEADER";
            }
            leaderHint = target;
        }
        String status = post(target, "/broadcast", tx, CLIENT_TIMEOUT.plusSeconds(2));
        if (!"SUCCESS".equals(status)) {
            leaderHint = 0;
        }
        return status;
    }

    private boolean isUp(long id) {
        Process p = processes.get(id);
        return p != null && p.isAlive() && controlPorts.containsKey(id);
    }

    @Override
    public void kill(long id) throws Exception {
        Process p = processes.remove(id);
        controlPorts.remove(id);
        if (p != null) {
            p.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed beyond what was fsynced
            p.waitFor();
        }
    }

    @Override
    public void start(long id) throws Exception {
        Path log = logs.resolve(id + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ChaosNodeMain.class.getName(),
                root.toString(), Long.toString(id), ChaosPlans.join(ports), Long.toString(snapshotBytes));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long offset = Files.exists(log) ? Files.size(log) : 0;
        Process p = pb.start();
        LIVE.add(p);
        p.onExit().thenRun(() -> LIVE.remove(p));
        processes.put(id, p);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("node " + id + " exited with " + p.exitValue() + ": " + tail(log));
            }
            String out = Files.exists(log) ? Files.readString(log).substring((int) offset) : "";
            int at = out.indexOf(ChaosNodeMain.READY);
            if (at >= 0) {
                String rest = out.substring(at + ChaosNodeMain.READY.length());
                String[] ready = rest.substring(0, rest.indexOf('\n')).trim().split(" ");
                controlPorts.put(id, Integer.parseInt(ready[0]));
                if (ready.length == 3) {
                    startTimes.add("node " + id + ": main after " + ready[1] + " ms, serving after " + ready[2] + " ms");
                }
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("node " + id + " did not start within 60 s: " + tail(log));
    }

    @Override
    public void partition(List<List<Long>> groups) throws Exception {
        String body = groups.stream().map(g -> g.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .collect(Collectors.joining(";"));
        for (long id : ids()) {
            if (isUp(id)) {
                post(id, "/partition", body.getBytes(), Duration.ofSeconds(5));
            }
        }
    }

    @Override
    public void healAll() throws Exception {
        for (long id : ids()) {
            if (isUp(id)) {
                post(id, "/heal", new byte[0], Duration.ofSeconds(5));
            }
        }
    }

    @Override
    public void killAll() throws Exception {
        List<Process> all = new ArrayList<>(processes.values());
        all.forEach(Process::destroyForcibly); // at once, before waiting for any
        for (Process p : all) {
            p.waitFor();
        }
        processes.clear();
        controlPorts.clear();
    }

    @Override
    public void startAll() throws Exception {
        List<Thread> starters = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (long id : ids()) {
            Thread t = new Thread(() -> {
                try {
                    start(id);
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            t.start();
            starters.add(t);
        }
        for (Thread t : starters) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    @Override
    public Path nodeDir(long id) {
        return root.resolve(plan.consenter(id).host());
    }

    /** Graceful stop (SIGTERM runs the node's shutdown hook), then SIGKILL whatever is left. */
    @Override
    public void close() {
        System.out.println("chaos[processes] starts: " + startTimes);
        processes.values().forEach(Process::destroy);
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        processes.clear();
        controlPorts.clear();
    }

    private String get(long id, String path) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(uri(id, path)).timeout(Duration.ofSeconds(2)).GET().build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }

    private String post(long id, String path, byte[] body, Duration timeout) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(uri(id, path)).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }

    private URI uri(long id, String path) {
        Integer port = controlPorts.get(id);
        if (port == null) {
            throw new IllegalStateException("node " + id + " is down");
        }
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log);
            return s.substring(Math.max(0, s.length() - 2000));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
