package io.raftlens.lsp.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeLens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Attach to running network" end to end over JSON-RPC, against real orderers: one copy of samples/five-orderers is
 * launched (its nodes serve Fabric-named {@code /metrics} on 127.0.0.1), a second copy of the same configtx.yaml —
 * with an orderer.yaml beside it naming the first node's Operations.ListenAddress — attaches to those endpoints. The
 * attached file shows the leader without any controls; killing the leader through the launched file shows, in the
 * attached one, the orderer that stopped answering and the new leader.
 */
@Timeout(120)
class AttachProtocolTest {

    @TempDir
    Path dir;

    @Test
    void attachesToALaunchedNetworksOperationsEndpointsAndSeesTheLeaderKilled() throws Exception {
        // free blocks of five ports (consenters, operations, admin): other builds run tests on this machine too
        int[] blocks = LiveClient.freePortBlocks(3, 5);
        int base = blocks[0];
        int ops = blocks[1];
        Path launched = LiveClient.fiveOrderers(Files.createDirectories(dir.resolve("launched")), base);
        // without an orderer.yaml a launch with operations ports serves the participation API on Fabric's 9443 + i
        Files.writeString(launched.resolveSibling("orderer.yaml"), "Admin:\n  ListenAddress: 127.0.0.1:" + blocks[2] + "\n");
        Path attachedDir = Files.createDirectories(dir.resolve("attached"));
        Path attached = LiveClient.fiveOrderers(attachedDir, base);
        Files.writeString(attachedDir.resolve("orderer.yaml"), "Operations:\n  ListenAddress: 127.0.0.1:" + ops + "\n");
        String a = launched.toUri().toString();
        String b = attached.toUri().toString();
        try (LiveClient client = new LiveClient()) {
            client.open(a, Files.readString(launched));
            client.open(b, Files.readString(attached));
            client.executeOk(LiveCommands.LAUNCH, Map.of("uri", a, "tick", "100ms", "opsBasePort", ops));
            client.awaitLenses(a, 10_000, "a settled network", LensReading::settled);
            try (java.net.Socket admin = new java.net.Socket("127.0.0.1", blocks[2])) {
                assertTrue(admin.isConnected(), "node 1 serves the participation API on orderer.yaml's Admin port");
            }

            JsonObject r = client.executeOk(LiveCommands.ATTACH, Map.of("uri", b, "interval", "200ms"));
            JsonObject third = r.getAsJsonObject("endpoints").getAsJsonObject("orderer3.example.com:" + (base + 2));
            assertEquals("http://127.0.0.1:" + (ops + 2), third.get("url").getAsString());
            assertTrue(third.get("from").getAsString().endsWith("orderer.yaml (Operations.ListenAddress port + 2, as raftlens launch binds it)"));
            List<? extends CodeLens> seen = client.awaitLenses(b, 5_000, "the attached leader and four followers", l -> {
                List<String> s = LensReading.statuses(l);
                return s.size() == 5 && LensReading.count(s, "leader") == 1 && LensReading.count(s, "follower") == 4;
            });
            String header = LensReading.titles(seen).get(0);
            assertTrue(header.startsWith("■ Detach · leader orderer") && header.endsWith(" · attached"), header);
            String leader = header.substring("■ Detach · leader ".length(), header.indexOf(" · height"));
            assertEquals(leader, LensReading.leaderHost(client.lenses(a)), "the attached view agrees with the launched one");
            assertEquals(6, seen.size(), "a header and five status lenses, no Stop/Kill/Isolate/Make leader: " + LensReading.titles(seen));

            client.executeOk(LiveCommands.KILL_NODE, Map.of("uri", a, "node", leader));
            List<? extends CodeLens> after = client.awaitLenses(b, 10_000, "a new leader and " + leader + " unreachable", l -> {
                List<String> s = LensReading.statuses(l);
                String h = LensReading.titles(l).get(0);
                return LensReading.count(s, "leader") == 1 && s.stream().filter(x -> x.startsWith("unreachable at ")).count() == 1
                        && !h.startsWith("■ Detach · leader " + leader) && !h.startsWith("■ Detach · leader none");
            });
            String newLeader = LensReading.titles(after).get(0).substring("■ Detach · leader ".length(),
                    LensReading.titles(after).get(0).indexOf(" · height"));
            assertNotEquals(leader, newLeader);
            client.awaitDiagnostics(b, 5_000, "the unreachable orderer and the leader change", p ->
                    p.getDiagnostics().stream().anyMatch(d -> "raft-attach-unreachable".equals(d.getCode().getLeft())
                            && d.getMessage().getLeft().startsWith(leader + " does not answer on its operations endpoint"))
                    && p.getDiagnostics().stream().anyMatch(d -> "raft-attach-leader-changes".equals(d.getCode().getLeft())
                            && d.getMessage().getLeft().contains("became leader at") && d.getMessage().getLeft().contains("(was " + leader + ")")));
            NetworkStatus status = awaitAttachedStatus(client, b);
            assertEquals(5, status.nodes().size());

            assertTrue(client.executeOk(LiveCommands.DETACH, Map.of("uri", b)).get("detached").getAsBoolean());
            client.awaitDiagnostics(b, 3_000, "no attach diagnostics", p -> p.getDiagnostics().stream()
                    .noneMatch(d -> d.getCode() != null && d.getCode().getLeft().startsWith("raft-attach")));
            assertEquals(List.of("▶ Launch network (5 consenters · mychannel)", "⇄ Attach to running network"), LensReading.titles(client.lenses(b)));
            client.executeOk(LiveCommands.STOP, Map.of("uri", a));
            LiveNetworkProtocolTest.awaitPortsFree(base, 5);
            LiveNetworkProtocolTest.awaitPortsFree(ops, 5);
        }
    }

    private static NetworkStatus awaitAttachedStatus(LiveClient client, String uri) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            NetworkStatus s = client.statuses.poll(100, TimeUnit.MILLISECONDS);
            if (s != null && s.uri().equals(uri) && s.attached() && s.running()) {
                return s;
            }
        }
        throw new AssertionError("no raftlens/networkStatus with attached: true for " + uri);
    }
}
