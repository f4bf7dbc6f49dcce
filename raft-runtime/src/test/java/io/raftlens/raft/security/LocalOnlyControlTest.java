package io.raftlens.raft.security;

import io.raftlens.raft.ids.NodeId;
import io.raftlens.raft.network.ConsenterPlan;
import io.raftlens.raft.network.ControlServer;
import io.raftlens.raft.network.ControlToken;
import io.raftlens.raft.network.DataDirectory;
import io.raftlens.raft.network.LocalNetwork;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.network.TestNetworks;
import io.raftlens.raft.node.ChainOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The control API, the operations endpoints and the consenter ports of a launch listen on 127.0.0.1 only, and
 * the control API refuses what a browser page could send it: state-changing requests carrying an Origin, requests
 * addressed to another host name (DNS rebinding), and it grants no cross-origin reads.
 */
@Timeout(60)
class LocalOnlyControlTest {

    @TempDir
    static Path dir;
    static LocalNetwork net;
    static ControlServer control;

    @BeforeAll
    static void start() throws Exception {
        int[] ports = TestNetworks.freePorts(3);
        List<ConsenterPlan> consenters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            consenters.add(new ConsenterPlan(NodeId.of(i + 1), "orderer" + (i + 1) + ".example.com", ports[i], null, null, "configtx.yaml:" + i));
        }
        ChainOptions ch = new ChainOptions("mychannel", List.of(1L, 2L, 3L), Duration.ofMillis(100), 10, 1, 5,
                16L << 20, 10, 10 << 20, 2 << 20, Duration.ofMillis(20));
        NetworkPlan plan = new NetworkPlan(dir.resolve("configtx.yaml"), "P", consenters, Map.of("mychannel", ch),
                "127.0.0.1", 0, null, null, 100);
        net = LocalNetwork.start(plan, DataDirectory.prepare(dir.resolve("data"), plan, false));
        control = ControlServer.start(net, 0);
    }

    @AfterAll
    static void stop() {
        control.close();
        net.close();
    }

    @Test
    void nothingOfALaunchAnswersOnANonLoopbackAddress() throws Exception {
        Optional<InetAddress> external = Loopback.externalAddress();
        assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to probe from");
        InetAddress lan = external.get();
        assertTrue(Loopback.accepts(InetAddress.getLoopbackAddress(), control.port()), "control API on 127.0.0.1");
        assertFalse(Loopback.accepts(lan, control.port()), "control API must not answer on " + lan);
        for (ConsenterPlan c : net.plan().consenters()) {
            int ops = net.opsPort(c.id().value());
            assertTrue(Loopback.accepts(InetAddress.getLoopbackAddress(), ops), "operations endpoint on 127.0.0.1");
            assertFalse(Loopback.accepts(lan, ops), "operations endpoint of " + c.address() + " must not answer on " + lan);
            assertFalse(Loopback.accepts(lan, c.port()), "consenter " + c.address() + " must not answer on " + lan);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/heal", "/v1/nodes/1/kill", "/v1/nodes/2/stop", "/v1/partition",
            "/v1/channels/mychannel/broadcast", "/v1/channels/mychannel/transfer-leader",
            "/v1/channels/mychannel/consenters"})
    void stateChangingRequestsFromABrowserPageAreRefused(String path) throws Exception {
        for (String origin : List.of("https://evil.example", "null", "http://127.0.0.1:8080")) {
            String reply = Loopback.http(control.port(), "POST", path, "Origin", origin, "Content-Type", "text/plain");
            assertTrue(reply.startsWith("HTTP/1.1 403"), path + " with Origin " + origin + ": " + firstLine(reply));
        }
        assertTrue(net.nodes().stream().allMatch(n -> n.isRunning()), "no node was stopped or killed");
    }

    @Test
    void requestsAddressedToAnotherHostNameAreRefused() throws Exception {
        // DNS rebinding: evil.example resolves to 127.0.0.1 after the page loaded; the Host header still says evil.example
        String reply = Loopback.http(control.port(), "GET", "/v1/network", "Host", "evil.example:" + control.port());
        assertTrue(reply.startsWith("HTTP/1.1 403"), firstLine(reply));
        String post = Loopback.http(control.port(), "POST", "/v1/heal", "Host", "evil.example");
        assertTrue(post.startsWith("HTTP/1.1 403"), firstLine(post));
    }

    @Test
    void crossOriginReadsAreNotGranted() throws Exception {
        String reply = Loopback.http(control.port(), "GET", "/v1/network", "Origin", "https://evil.example");
        assertFalse(reply.toLowerCase().contains("access-control-allow-origin"), "a page may not read the network: " + reply);
    }

    @Test
    void stateChangingRequestsWithoutThePerLaunchTokenAreRefused() throws Exception {
        String reply = Loopback.http(control.port(), "POST", "/v1/heal");
        assertTrue(reply.startsWith("HTTP/1.1 401") || reply.startsWith("HTTP/1.1 403"), firstLine(reply));
    }

    @Test
    void aWrongTokenIsRefusedAndTheRightOneInEitherHeaderIsAccepted() throws Exception {
        String wrong = control.token().value().substring(1) + "x";
        String reply = Loopback.http(control.port(), "POST", "/v1/heal", "X-RaftLens-Token", wrong);
        assertTrue(reply.startsWith("HTTP/1.1 401"), firstLine(reply));
        assertTrue(reply.contains("\"error\""), "a JSON error: " + reply);
        reply = Loopback.http(control.port(), "POST", "/v1/heal", "Authorization", "Bearer " + wrong);
        assertTrue(reply.startsWith("HTTP/1.1 401"), firstLine(reply));
        reply = Loopback.http(control.port(), "POST", "/v1/heal", "X-RaftLens-Token", control.token().value());
        assertTrue(reply.startsWith("HTTP/1.1 200"), firstLine(reply));
        reply = Loopback.http(control.port(), "POST", "/v1/heal", "Authorization", "Bearer " + control.token().value());
        assertTrue(reply.startsWith("HTTP/1.1 200"), firstLine(reply));
        // the token does not lift the browser checks
        reply = Loopback.http(control.port(), "POST", "/v1/heal", "X-RaftLens-Token", control.token().value(),
                "Origin", "https://evil.example");
        assertTrue(reply.startsWith("HTTP/1.1 403"), firstLine(reply));
    }

    @Test
    void tokensAre128RandomBitsAndTheFileIsOwnerOnly(@TempDir Path dir) throws Exception {
        ControlToken a = ControlToken.generate();
        assertEquals(22, a.value().length(), a.value());
        assertTrue(a.value().matches("[A-Za-z0-9_-]+"), a.value());
        assertFalse(a.value().equals(ControlToken.generate().value()));
        Path file = a.writeTo(dir);
        assertEquals(Optional.of(a.value()), ControlToken.readFrom(dir));
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file)));
        }
    }

    private static String firstLine(String reply) {
        int nl = reply.indexOf('\n');
        return nl < 0 ? reply : reply.substring(0, nl).trim();
    }


}
