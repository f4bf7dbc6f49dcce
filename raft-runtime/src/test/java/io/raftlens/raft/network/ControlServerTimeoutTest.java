package io.raftlens.raft.network;

import io.raftlens.raft.http.HttpServers;
import io.raftlens.raft.ids.NodeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * adversarial.md H1: the request timeout of the control API's HTTP server, over the stub network of
 * {@link ControlServerHostileTest}. The JDK reads its timeout ({@code sun.net.httpserver.maxReqTime}) once per
 * JVM, so the suite runs this class in a JVM of its own with a 2 s timeout and a 1 s staleness limit (surefire
 * execution {@code http-timeouts} in raft-runtime's pom) instead of waiting out the production 10 s; run alone
 * with {@code -Dtest} it takes the production values. Every bound below is derived from the values in force.
 */
class ControlServerTimeoutTest {

    private ControlServerHostileTest.Recorder network;
    private ControlServer control;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        network = new ControlServerHostileTest.Recorder();
        control = ControlServer.start(network, 0);
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        control.close();
        network.events.close();
    }

    /** Connections that sent one byte and stopped. */
    private void stall(int port, int count) throws Exception {
        ControlServerHostileTest.stall(port, count, sockets);
    }

    /**
     * The request timeout closes connections that never finished their request — here as many as there
     * are workers — but not an event stream, whose request was complete; and a kill that waited behind them
     * longer than its client would is answered 503 and not executed (one test: each part takes the timeout's length).
     */
    @Test
    void stalledRequestsAreClosedByTheTimeoutAStaleKillIsNotRunAndAnEventStreamLivesOn() throws Exception {
        long timeoutMs = TimeUnit.SECONDS.toMillis(HttpServers.requestSeconds());
        assertTrue(HttpServers.STALE_NANOS < TimeUnit.MILLISECONDS.toNanos(timeoutMs),
                "the kill must wait longer than a request may: staleness " + HttpServers.STALE_NANOS + " ns, timeout " + timeoutMs + " ms");
        try (Socket events = new Socket(); Socket kill = new Socket()) {
            events.connect(new InetSocketAddress("127.0.0.1", control.port()), 2000);
            events.setSoTimeout(20_000);
            events.getOutputStream().write("GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            events.getOutputStream().flush();
            assertTrue(events.getInputStream().read() >= 0);
            stall(control.port(), HttpServers.WORKERS); // every worker waits for a request
            kill.connect(new InetSocketAddress("127.0.0.1", control.port()), 2000);
            kill.setSoTimeout((int) timeoutMs * 3);
            kill.getOutputStream().write(("POST /v1/nodes/3/kill HTTP/1.1\r\nHost: 127.0.0.1\r\n" + ControlToken.HEADER + ": "
                    + control.token().value() + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            kill.getOutputStream().flush();
            long t0 = System.nanoTime();
            Socket stalled = sockets.get(0);
            stalled.setSoTimeout((int) timeoutMs * 3);
            assertEquals(-1, stalled.getInputStream().read(), "closed by the server");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            // the JDK checks its connections once a second (sun.net.httpserver.timerMillis)
            assertTrue(ms > timeoutMs - 2_000 && ms < timeoutMs + 6_000, ms + " ms with a timeout of " + timeoutMs + " ms");
            // the kill waited behind them for the timeout: closed by the same timeout, or answered 503 — never executed
            StringBuilder answer = new StringBuilder();
            try {
                int c;
                while ((c = kill.getInputStream().read()) >= 0 && c != '\n') {
                    answer.append((char) c);
                }
            } catch (java.net.SocketException reset) {
                answer.append("closed");
            }
            assertTrue(answer.toString().contains(" 503 ") || answer.toString().equals("closed") || answer.length() == 0,
                    answer.toString());
            Thread.sleep(500);
            assertEquals(List.of(), network.calls, "the kill whose client waited out the timeout was not executed");
            network.events.publish(new NetworkEvent.BlockCommitted(System.currentTimeMillis(), "probe", NodeId.of(9), 1L, 0));
            InputStream in = events.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buf = new byte[4096];
            while (!seen.toString().contains("probe")) {
                int n = in.read(buf);
                assertTrue(n >= 0, "the event stream was closed: " + seen);
                seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        }
    }
}
