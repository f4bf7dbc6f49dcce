package io.raftlens.lsp.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `raftlens launch` fails fast with one line naming the node and file:line, leaving nothing running. */
@Timeout(60)
class LaunchCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new Main()).execute(args);
            return new Run(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
        }
    }

    private Path sampleCopy() throws IOException {
        Path src = Path.of("..", "samples", "five-orderers");
        Path dst = dir.resolve("five-orderers");
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.toList()) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return dst.resolve("configtx.yaml");
    }

    @Test
    void aConsenterPortInUseFailsFastNamingTheConsenterAndLine() throws Exception {
        Path configtx = sampleCopy();
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = busy.getLocalPort();
            Files.writeString(configtx, Files.readString(configtx).replace("Port: 7050", "Port: " + port));
            Run r = run("launch", configtx.toString(), "--data-dir", dir.resolve("data").toString(),
                    "--control-port", "0", "--ops-base-port", "0");
            assertEquals(1, r.exit(), r.err());
            String line = r.err().lines().filter(l -> l.startsWith("raftlens launch: ")).findFirst().orElse(r.err());
            assertTrue(line.matches("raftlens launch: port " + port + " of consenter orderer1\\.example\\.com:" + port
                    + " \\(configtx\\.yaml:\\d+\\) is already in use; .*"), line);
        }
    }

    @Test
    void anUnreadableConfigIsAOneLineReason() {
        Run r = run("launch", dir.resolve("missing.yaml").toString());
        assertEquals(2, r.exit()); // unreadable input, as raftlens validate (issue 13)
        assertTrue(r.err().contains("cannot read " + dir.resolve("missing.yaml")), r.err());
    }

    @Test
    void aDataDirOfAnotherNetworkIsRefused() throws Exception {
        Path configtx = sampleCopy();
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("network.json"), "{\"consenters\":[\"other.example.com:1\"]}");
        Run r = run("launch", configtx.toString(), "--data-dir", data.toString(), "--control-port", "0", "--ops-base-port", "0");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("belongs to another network"), r.err());
    }

    @Test
    void benchAgainstARunningNetworkNeedsTheControlToken() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("RAFTLENS_TOKEN") == null, "RAFTLENS_TOKEN is set");
        Run r = run("bench", "--url", "http://127.0.0.1:9", "--data-dir", dir.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--token") && r.err().contains("RAFTLENS_TOKEN"), r.err());
    }

    @Test
    void benchOverGrpcNeedsALaunchedNetwork() {
        Run r = run("bench", "--url", "http://127.0.0.1:9", "--token", "t", "--grpc");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--grpc needs --launch"), r.err());
    }

    @Test
    void benchBatchOverridesAreCheckedBeforeAnythingStarts() {
        Run zero = run("bench", "--launch", "../samples/five-orderers/configtx.yaml", "--batch-timeout", "0s");
        assertEquals(2, zero.exit(), zero.err());
        assertTrue(zero.err().contains("--batch-timeout must be positive"), zero.err());
        Run count = run("bench", "--launch", "../samples/five-orderers/configtx.yaml", "--max-message-count", "0");
        assertEquals(2, count.exit(), count.err());
        assertTrue(count.err().contains("--max-message-count must be at least 1"), count.err());
        Run url = run("bench", "--url", "http://127.0.0.1:9", "--token", "t", "--batch-timeout", "50ms");
        assertEquals(2, url.exit(), url.err());
        assertTrue(url.err().contains("need --launch"), url.err());
    }

    @Test
    void benchOverGrpcWithoutAClientIdentityNamesWhatToPass() throws IOException {
        Path configtx = sampleCopy();
        deleteTree(configtx.resolveSibling("crypto/peerOrganizations"));
        Run r = run("bench", "--launch", configtx.toString(), "--grpc");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--client-msp DIR") && r.err().contains("User1@"), r.err());
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** adversarial.md H4/M1: launch on a FIFO or a device exits 2 with one line instead of hanging or running out of heap. */
    @Test
    void unreadableInputExitsTwoWithOneLine() throws Exception {
        Path fifo = dir.resolve("configtx.yaml");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        for (String target : new String[] {fifo.toString(), "/dev/zero"}) {
            Run r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                    () -> run("launch", target, "--data-dir", dir.resolve("data").toString()));
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains("not a regular file") && !r.err().contains("\tat "), r.err());
        }
    }

    /** adversarial.md H5: the refusal for a user's folder does not suggest --fresh, and --fresh deletes nothing there. */
    @Test
    void aUsersFolderIsNeverEmptied() throws Exception {
        Path configtx = sampleCopy();
        Path user = dir.resolve("home");
        Files.createDirectories(user.resolve("projects"));
        Files.writeString(user.resolve("projects/thesis.tex"), "chapter 1");
        for (String[] extra : new String[][] {{}, {"--fresh"}}) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("launch", configtx.toString(),
                    "--data-dir", user.toString(), "--control-port", "0", "--ops-base-port", "0"));
            args.addAll(java.util.List.of(extra));
            Run r = run(args.toArray(String[]::new));
            assertEquals(1, r.exit(), r.err());
            assertTrue(r.err().contains("was not made by raftlens") && !r.err().contains("use --fresh"), r.err());
        }
        assertEquals("chapter 1", Files.readString(user.resolve("projects/thesis.tex")));
    }
}
