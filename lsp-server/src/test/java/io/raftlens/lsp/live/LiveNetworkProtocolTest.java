package io.raftlens.lsp.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live network end to end over JSON-RPC: an LSP4J client launches samples/five-orderers (ports shifted)
 * with a 100 ms tick, kills the leader from the editor, watches the election in lenses and {@code raft}
 * diagnostics, restarts the node, and stops; every port is free afterwards.
 */
@Timeout(120)
class LiveNetworkProtocolTest {

    static final List<String> ROLES = List.of("leader", "follower", "candidate", "pre-candidate", "stopped");

    @TempDir
    Path dir;

    @Test
    void launchKillLeaderReelectRestartStop() throws Exception {
        int base = 17050;
        Path configtx = LiveClient.fiveOrderers(dir, base);
        String uri = configtx.toUri().toString();
        try (LiveClient client = new LiveClient()) {
            client.open(uri, Files.readString(configtx));
            List<? extends CodeLens> before = client.lenses(uri);
            assertEquals(List.of("▶ Launch network (5 consenters · mychannel)", "⇄ Attach to running network"),
                    before.stream().map(l -> l.getCommand().getTitle()).toList());

            JsonObject launched = client.executeOk(LiveCommands.LAUNCH, Map.of("uri", uri, "tick", "100ms", "opsBasePort", 0,
                    "controlPort", base + 9));
            assertEquals("ChannelUsingRaft", launched.get("profile").getAsString());
            assertEquals("100ms", launched.get("tick").getAsString());

            List<? extends CodeLens> elected = client.awaitLenses(uri, 10_000, "one leader and four followers",
                    l -> { List<String> s = LensReading.statuses(l); return s.size() == 5 && LensReading.count(s, "leader") == 1 && LensReading.count(s, "follower") == 4; });
            LensReading.statuses(elected).forEach(s -> assertTrue(ROLES.contains(s.substring(0, s.indexOf(' '))), s));
            String oldLeader = LensReading.leaderHost(elected);
            long oldTerm = elected.stream().map(l -> l.getCommand().getTitle()).filter(t -> t.startsWith("■ Stop"))
                    .mapToLong(LensReading::term).findFirst().orElseThrow();
            assertTrue(elected.stream().anyMatch(l -> l.getCommand().getTitle().equals("Kill")));
            List<InlayHint> hints = client.server.getTextDocumentService().inlayHint(new InlayHintParams(
                    new TextDocumentIdentifier(uri), new Range(new Position(0, 0), new Position(400, 0)))).get(10, TimeUnit.SECONDS);
            assertEquals(1, hints.stream().filter(h -> h.getLabel().getLeft().startsWith("● leader · term ")).count());
            assertEquals(4, hints.stream().filter(h -> h.getLabel().getLeft().startsWith("● follower · term ")).count());
            assertEquals("http://127.0.0.1:" + (base + 9) + "/v1/network", launched.get("controlApi").getAsString());
            String network = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(launched.get("controlApi").getAsString())).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(network.contains("\"name\":\"" + oldLeader + "\""), network);
            // scripts POST with the token in the reported file; without it the control API refuses the request
            String token = java.nio.file.Files.readString(java.nio.file.Path.of(launched.get("controlTokenFile").getAsString())).trim();
            String heal = "http://127.0.0.1:" + (base + 9) + "/v1/heal";
            assertEquals(401, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(heal))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(200, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(heal)).header("X-RaftLens-Token", token)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());

            client.executeOk(LiveCommands.KILL_NODE, Map.of("uri", uri, "node", oldLeader));
            List<? extends CodeLens> reelected = client.awaitLenses(uri, 3_000, "a new leader",
                    l -> { List<String> s = LensReading.statuses(l); return LensReading.count(s, "leader") == 1 && LensReading.count(s, "stopped") == 1
                            && !LensReading.leaderHost(l).equals(oldLeader); });
            String newLeader = LensReading.leaderHost(reelected);
            assertNotEquals(oldLeader, newLeader);
            long newTerm = LensReading.term(reelected.stream().map(l -> l.getCommand().getTitle()).filter(t -> t.startsWith("■ Stop")).findFirst().orElseThrow());
            assertTrue(newTerm > oldTerm, "term " + oldTerm + " → " + newTerm);
            client.awaitDiagnostics(uri, 3_000, "a raft diagnostic reporting the election", p -> p.getDiagnostics().stream()
                    .anyMatch(d -> "raft".equals(d.getSource()) && d.getMessage().getLeft().contains(newLeader + " started an election")
                            && d.getMessage().getLeft().contains("won it for term " + newTerm)));
            // a stopped node offers Start only
            assertTrue(reelected.stream().anyMatch(l -> l.getCommand().getTitle().equals("Start")));

            client.executeOk(LiveCommands.START_NODE, Map.of("uri", uri, "node", oldLeader));
            client.awaitLenses(uri, 10_000, oldLeader + " following " + newLeader + " at term " + newTerm,
                    l -> { List<String> s = LensReading.statuses(l); return LensReading.count(s, "follower") == 4 && LensReading.count(s, "leader") == 1
                            && LensReading.leaderHost(l).equals(newLeader) && s.stream().allMatch(x -> LensReading.term(x) == newTerm); });

            String timeline = client.execute(LiveCommands.TIMELINE, Map.of("uri", uri)).getAsString();
            assertTrue(timeline.startsWith("| time (UTC) | node | event | term | votes |"), timeline);
            assertTrue(timeline.contains("| " + newLeader + " | became leader in "), timeline);
            assertTrue(timeline.contains("| " + oldLeader + " | killed |"), timeline);

            Path data = Path.of(launched.get("dataDir").getAsString());
            assertTrue(Files.isDirectory(data.resolve(oldLeader)), "node data under " + data);
            assertTrue(client.executeOk(LiveCommands.STOP, Map.of("uri", uri)).get("stopped").getAsBoolean());
            assertTrue(Files.notExists(data), "an editor network's data is removed when it stops: " + data);
            client.awaitDiagnostics(uri, 3_000, "no raft diagnostics", p -> p.getDiagnostics().stream().noneMatch(d -> "raft".equals(d.getSource())));
            assertEquals(List.of("▶ Launch network (5 consenters · mychannel)", "⇄ Attach to running network"),
                    client.lenses(uri).stream().map(l -> l.getCommand().getTitle()).toList());
            awaitPortsFree(base, 5);
            awaitPortsFree(base + 9, 1);
        }
        awaitNoNetworkThreads();
    }

    /** After shutdown and exit no thread of a network or of the live feature is left (bounded wait). */
    static void awaitNoNetworkThreads() {
        List<String> prefixes = List.of("raftlens-live", "raftlens-timers", "raftlens-events", "raftlens-control", "chain-",
                "wal-writer", "snapshot-writer", "raft-transport-", "operations-", "multiThreadIoEventLoopGroup");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            List<String> left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(n -> prefixes.stream().anyMatch(n::startsWith)).toList();
            if (left.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("threads left 10 s after shutdown: " + left);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    @Test
    void twoChannelsShowOnEveryConsenterLens() throws Exception {
        int base = 17060;
        Path configtx = LiveClient.fiveOrderers(dir, base);
        String uri = configtx.toUri().toString();
        try (LiveClient client = new LiveClient()) {
            client.open(uri, Files.readString(configtx));
            client.executeOk(LiveCommands.LAUNCH, Map.of("uri", uri, "tick", "100ms", "opsBasePort", 0,
                    "channels", List.of("mychannel", "audit")));
            List<? extends CodeLens> lenses = client.awaitLenses(uri, 10_000, "a leader on both channels", l -> {
                List<String> s = LensReading.statuses(l);
                return s.size() == 5 && s.stream().filter(x -> x.contains("mychannel: leader ")).count() == 1
                        && s.stream().filter(x -> x.contains("audit: leader ")).count() == 1
                        && s.stream().allMatch(x -> x.startsWith("mychannel: ") && x.contains(" | audit: "));
            });
            String header = lenses.stream().map(l -> l.getCommand().getTitle()).filter(t -> t.startsWith("■ Stop")).findFirst().orElseThrow();
            assertTrue(header.contains("mychannel: leader orderer") && header.contains("audit: leader orderer"), header);
            NetworkStatus status = awaitStatus(client, "audit");
            assertEquals(5, status.nodes().size());
            assertTrue(status.nodes().stream().allMatch(n -> n.range() != null && ROLES.contains(n.role())));

            client.executeOk(LiveCommands.STOP, Map.of("uri", uri));
            awaitPortsFree(base, 5);
        }
    }

    @Test
    void portInUseIsAClearErrorToTheClient() throws Exception {
        int base = 17070;
        Path configtx = LiveClient.fiveOrderers(dir, base);
        String uri = configtx.toUri().toString();
        try (ServerSocket taken = new ServerSocket();
             LiveClient client = new LiveClient()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), base + 2));
            client.open(uri, Files.readString(configtx));
            JsonObject r = client.execute(LiveCommands.LAUNCH, Map.of("uri", uri, "tick", "100ms", "opsBasePort", 0)).getAsJsonObject();
            String error = r.get("error").getAsString();
            assertTrue(error.contains("port " + (base + 2)) && error.contains("orderer3.example.com:" + (base + 2))
                    && error.contains("already in use"), error);
            var message = client.messages.poll(5, TimeUnit.SECONDS);
            assertEquals(MessageType.Error, message.getType());
            assertTrue(message.getMessage().contains(error));
            assertEquals(List.of("▶ Launch network (5 consenters · mychannel)", "⇄ Attach to running network"),
                    client.lenses(uri).stream().map(l -> l.getCommand().getTitle()).toList());
            taken.close();
            awaitPortsFree(base, 5);
            try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir"), "raftlens-live"))) {
                String folder = dir.getFileName() + "-configtx.yaml-";
                assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(folder)), "no data left by a failed launch");
            }
        }
    }

    private static NetworkStatus awaitStatus(LiveClient client, String channel) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            NetworkStatus s = client.statuses.poll(100, TimeUnit.MILLISECONDS);
            if (s != null && channel.equals(s.channel()) && s.nodes().stream().anyMatch(n -> "leader".equals(n.role()))) {
                return s;
            }
        }
        throw new AssertionError("no raftlens/networkStatus for " + channel + " with a leader within 5 s");
    }

    /** Every consenter port can be bound again (bounded: the network released them when stop returned). */
    static void awaitPortsFree(int base, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (int i = 0; i < count; i++) {
            while (!free(base + i)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("port " + (base + i) + " still bound 5 s after the network stopped");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
