package io.raftlens.lsp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.raftlens.lsp.cli.Main;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.LspSettings;
import io.raftlens.lsp.server.LspLauncher;
import io.raftlens.lsp.service.FabricLanguageService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Private keys never reach diagnostics, hovers, links or {@code raftlens validate} output, even when a config
 * points a certificate key at a private key file; and {@code raftlens lsp --port} listens on 127.0.0.1 only.
 */
@Timeout(60)
class KeysAndLoopbackTest {

    static final Path SAMPLE = Path.of("../samples/five-orderers").toAbsolutePath().normalize();
    private static final CancelChecker NEVER = () -> { };

    @TempDir
    Path dir;

    @Test
    void aConfigPointingCertificatesAtPrivateKeyFilesNeverEchoesTheKey() throws Exception {
        String configtx = Files.readString(SAMPLE.resolve("configtx.yaml")).replace("tls/server.crt", "tls/server.key");
        checkNoKeyShown(configtx);
    }

    @Test
    void aPrivateKeyPastedWhereACertificatePathBelongsIsNotEchoed() throws Exception {
        String key = Files.readString(SAMPLE.resolve("crypto/ordererOrganizations/example.com/orderers/orderer1.example.com/tls/server.key"));
        String configtx = Files.readString(SAMPLE.resolve("configtx.yaml"))
                .replaceFirst("(?m)^(\\s+ServerTLSCert: ).*$", "$1\"" + key.replace("\n", "\\\\n") + "\"");
        checkNoKeyShown(configtx);
    }

    private void checkNoKeyShown(String configtx) throws Exception {
        String key = Files.readString(SAMPLE.resolve("crypto/ordererOrganizations/example.com/orderers/orderer1.example.com/tls/server.key"));
        // the copy sees the sample's crypto folder, so the key paths resolve to real key files
        Files.createSymbolicLink(dir.resolve("crypto"), SAMPLE.resolve("crypto"));
        Path file = dir.resolve("configtx.yaml");
        Files.writeString(file, configtx);
        {
            FabricLanguageService service = new FabricLanguageService();
            DocumentModel model = DocumentModel.build(file.toUri().toString(), 1, configtx);
            List<Diagnostic> diagnostics = service.diagnostics(model, LspSettings.defaults(), NEVER);
            assertTrue(diagnostics.stream().anyMatch(d -> text(d).toLowerCase().contains("cert")),
                    "a key where a certificate belongs is reported: " + diagnostics);
            StringBuilder seen = new StringBuilder();
            diagnostics.forEach(d -> seen.append(text(d)).append('\n'));
            service.codeActions(model, diagnostics, NEVER).forEach(a -> seen.append(a).append('\n'));
            service.links(model, NEVER).forEach(l -> seen.append(l.getTooltip()).append('\n'));
            String[] lines = configtx.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains("TLSCert")) {
                    int col = lines[i].indexOf(':') + 3;
                    service.hover(model, new Position(i, col), LspSettings.defaults(), NEVER)
                            .ifPresent(h -> seen.append(h.getContents()).append('\n'));
                }
            }
            assertNoKey("diagnostics, actions, links and hovers", seen.toString(), key);

            StringWriter out = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(out, true));
            PrintStream stdout = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                for (String format : List.of("text", "json", "sarif")) {
                    cl.execute("validate", "--format", format, file.toString());
                }
            } finally {
                System.setOut(stdout);
            }
            String cli = out + captured.toString(StandardCharsets.UTF_8);
            assertNoKey("raftlens validate output", cli, key);
        }
    }

    @Test
    void theLspSocketListensOnLoopbackOnly() throws Exception {
        Optional<InetAddress> lan = externalAddress();
        assumeTrue(lan.isPresent(), "no non-loopback IPv4 address to probe");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Thread server = new Thread(() -> {
            try {
                LspLauncher.serveSocket(0, new PrintStream(log, true, StandardCharsets.UTF_8),
                        java.nio.file.Files.createTempDirectory("raftlens-lsp-token").resolve("lsp-token"));
            } catch (IOException e) {
                // test ends
            }
        }, "lsp-socket-under-test");
        server.setDaemon(true);
        server.start();
        Matcher m = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher("");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!m.reset(log.toString(StandardCharsets.UTF_8)).find()) {
            assertTrue(System.nanoTime() < deadline, "the server printed its address: " + log);
            Thread.sleep(20);
        }
        int port = Integer.parseInt(m.group(1));
        assertTrue(accepts(InetAddress.getLoopbackAddress(), port));
        assertFalse(accepts(lan.get(), port), "raftlens lsp --port must not answer on " + lan.get());
    }

    private static String text(Diagnostic d) {
        return d.getMessage().isLeft() ? d.getMessage().getLeft() : d.getMessage().getRight().getValue();
    }

    private static void assertNoKey(String where, String text, String pemKey) {
        assertFalse(Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----").matcher(text).find(),
                where + " shows a PEM private key:\n" + text);
        String body = pemKey.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        List<String> leaked = new ArrayList<>();
        for (int i = 0; i + 32 <= body.length(); i += 32) {
            if (text.contains(body.substring(i, i + 32))) {
                leaked.add(body.substring(i, i + 32));
            }
        }
        assertEquals(List.of(), leaked, where + " shows part of the private key");
    }

    private static boolean accepts(InetAddress host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<InetAddress> externalAddress() throws IOException {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nif.isUp() && !nif.isLoopback()) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLinkLocalAddress()) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
