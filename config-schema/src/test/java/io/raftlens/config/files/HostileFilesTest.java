package io.raftlens.config.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.config.validator.ConfigValidator;
import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.ValidationResult;
import io.raftlens.config.fabric.ValidationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * adversarial.md C1, H4, M1: configuration values naming hostile files. Nothing of a file's content may reach
 * a finding, and no file read may block or exhaust the heap.
 */
class HostileFilesTest {

    private static final String SECRET = "TOPSECRET-do-not-print-0123456789";

    @TempDir
    Path dir;

    /** samples/five-orderers copied into the temp folder (certificates by absolute path), with a line replaced. */
    private Path sample(String from, String to) throws Exception {
        Path sample = Path.of("../samples/five-orderers").toAbsolutePath().normalize();
        String text = Files.readString(sample.resolve("configtx.yaml"));
        assertTrue(text.contains(from), from);
        text = text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to))
                .replace(" crypto/", " " + sample.resolve("crypto") + "/");
        Path file = dir.resolve("configtx.yaml");
        Files.writeString(file, text);
        return file;
    }

    private List<Diagnostic> validate(Path file) throws Exception {
        return assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> new ConfigValidator(ValidationSettings.defaults()).validate(file).diagnostics());
    }

    @Test
    void fileReferencesNameTheFileAndNeverQuoteIt() throws Exception {
        Path secret = dir.resolve("id_rsa");
        Files.writeString(secret, "-----BEGIN PRIVATE KEY-----\n" + SECRET + "\n-----END PRIVATE KEY-----\n");
        for (String[] edit : new String[][] {
                {"OrdererType: etcdraft", "OrdererType: {File: " + secret + "}"},
                {"- Host: orderer1.example.com", "- Host: {File: " + secret + "}"},
                {"ID: OrdererMSP", "ID: {File: " + secret + "}"},
                {"ID: OrdererMSP", "ID: {File: /proc/self/environ}"}}) {
            List<Diagnostic> found = validate(sample(edit[0], edit[1]));
            String all = found.toString();
            assertFalse(all.contains(SECRET) || all.contains("BEGIN PRIVATE KEY") || all.contains("PATH="), edit[1] + ": " + all);
            assertTrue(found.stream().anyMatch(d -> d.code().equals("VAL010") && d.message().contains(edit[1].replaceAll(".*File: (.*)}", "$1"))),
                    edit[1] + ": " + all);
        }
    }

    @Test
    void certificatePathsThatAreNotRegularFilesAreRefusedWithoutReading() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, p.waitFor());
        String cert = "crypto/ordererOrganizations/example.com/orderers/orderer1.example.com/tls/server.crt";
        for (String target : new String[] {"/dev/stdin", "/proc/self/fd/0", "/dev/zero", fifo.toString()}) {
            // ClientTLSCert and MSPDir: the validator must neither block (FIFO, stdin) nor read without end (/dev/zero)
            List<Diagnostic> found = validate(sample("ClientTLSCert: " + cert, "ClientTLSCert: " + target));
            assertTrue(found.stream().anyMatch(d -> d.message().contains(target) && d.message().contains("not a regular file")),
                    target + ": " + found);
        }
    }

    @Test
    void safeFilesReadsRegularFilesUpToTheLimit() throws Exception {
        Path small = dir.resolve("small");
        Files.write(small, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, SafeFiles.read(small, 3));
        UnreadableFileException big = assertThrows(UnreadableFileException.class, () -> SafeFiles.read(small, 2));
        assertTrue(big.getMessage().contains("up to 2 bytes"), big.getMessage());
        // a sparse 2 GB file is refused from its size, before anything is read
        Path sparse = dir.resolve("sparse");
        try (var raf = new java.io.RandomAccessFile(sparse.toFile(), "rw")) {
            raf.setLength(2L << 30);
        }
        assertTrue(assertThrows(UnreadableFileException.class, () -> SafeFiles.read(sparse, SafeFiles.SMALL_FILE_LIMIT))
                .getMessage().contains("2.0 GB"));
        // /proc files report size 0 and are read up to the limit only
        assertTrue(SafeFiles.read(Path.of("/proc/self/status"), SafeFiles.SMALL_FILE_LIMIT).length > 0);
        UnreadableFileException missing = assertThrows(UnreadableFileException.class, () -> SafeFiles.read(dir.resolve("nope"), 10));
        assertTrue(missing.missing());
        for (Path notRegular : Stream.of("/dev/stdin", "/dev/zero", "/dev/null").map(Path::of).toList()) {
            assertTrue(assertThrows(UnreadableFileException.class, () -> SafeFiles.read(notRegular, 10))
                    .getMessage().contains("not a regular file"), notRegular.toString());
        }
        assertTrue(assertThrows(UnreadableFileException.class, () -> SafeFiles.read(dir, 10)).getMessage().contains("folder"));
    }

    @Test
    void aConfigurationFileThatIsADeviceIsRefused() {
        // validate /dev/stdin: one line, not a hang on the terminal
        ValidationResult r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                return new ConfigValidator(ValidationSettings.defaults()).validate(Path.of("/dev/zero"));
            } catch (UnreadableFileException e) {
                assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
                return null;
            }
        });
        if (r != null) {
            assertTrue(r.diagnostics().toString().contains("not a regular file"), r.diagnostics().toString());
        }
    }
}
