package io.raftlens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code raftlens validate} in-process on real files, as a user or a CI job would. */
class ValidateCommandTest {

    /** Valid, and with nothing to load from disk: the cluster listener's files are relative to the orderer's working directory. */
    static final String GOOD_ORDERER = """
            General:
              ListenAddress: 127.0.0.1
              ListenPort: 7050
              Cluster:
                ListenAddress: 127.0.0.1
                ListenPort: 7051
                ServerCertificate: tls/server.crt
                ServerPrivateKey: tls/server.key
            Admin:
              ListenAddress: 127.0.0.1:9443
            """;

    static final String BROKEN_YAML = """
            General:
              ListenPort: 7050
             TLS: [unclosed
            """;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("validate"));
        all.addAll(List.of(args));
        int exit = cl.execute(all.toArray(String[]::new));
        Run run = new Run(exit, out.toString(), err.toString());
        assertFalse(run.err.contains("Exception") || run.err.contains("\tat "), "no stack trace: " + run.err);
        return run;
    }

    Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void cleanFileExitsZeroWithSummary() throws IOException {
        Path file = write("orderer.yaml", GOOD_ORDERER);
        Run run = run(file.toString());
        assertEquals("0 errors, 0 warnings; Fabric 3 rules (default, nothing to infer from)\n", run.out);
        assertEquals("", run.err);
        assertEquals(0, run.exit);
    }

    @Test
    void yamlSyntaxErrorIsReportedAtItsLineAndExitsOne() throws IOException {
        Path file = write("orderer.yaml", BROKEN_YAML);
        Run run = run(file.toString());
        assertEquals(1, run.exit, run.out + run.err);
        String first = run.out.lines().findFirst().orElseThrow();
        assertTrue(first.startsWith(file + ":3:"), first);
        assertTrue(first.contains(": error: ") && first.endsWith("[YAML001]"), first);
        assertTrue(run.out.lines().reduce((a, b) -> b).orElseThrow().startsWith("1 errors, 0 warnings; "), run.out);
    }

    @Test
    void duplicateKeyGivesFabricsMessage() throws IOException {
        Path file = write("configtx.yaml", "Organizations:\nOrganizations:\n");
        Run run = run("--format", "text", file.toString());
        assertEquals(1, run.exit);
        assertTrue(run.out.contains(file + ":2:1: error: mapping key \"Organizations\" already defined at line 1"), run.out);
    }

    @Test
    void folderIsSearchedRecursivelyForConfigsAndModelines() throws IOException {
        write("net/orderer1.yaml", GOOD_ORDERER);
        write("net/sub/configtx-dev.yml", "Organizations:\nOrganizations:\n");
        write("net/sub/node.yaml", "# raftlens: orderer\n" + BROKEN_YAML);
        write("net/docker-compose.yaml", "services: {a: [unclosed\n");
        write("net/.git/orderer.yaml", BROKEN_YAML);
        Run run = run("--format", "json", dir.resolve("net").toString());
        assertEquals(1, run.exit, run.err);
        JsonNode json = new ObjectMapper().readTree(run.out);
        List<String> paths = new ArrayList<>();
        json.get("files").forEach(f -> paths.add(f.get("path").asText()));
        String net = dir.resolve("net").toString();
        assertEquals(List.of(net + "/orderer1.yaml", net + "/sub/configtx-dev.yml", net + "/sub/node.yaml"), paths);
        assertEquals("orderer", json.get("files").get(2).get("kind").asText());
        assertEquals(2, json.get("summary").get("errors").asInt());
    }

    @Test
    void jsonHasZeroBasedPositions() throws IOException {
        Path file = write("configtx.yaml", "Organizations:\nOrganizations:\n");
        JsonNode json = new ObjectMapper().readTree(run("--format", "JSON", file.toString()).out);
        JsonNode d = json.get("files").get(0).get("diagnostics").get(0);
        assertEquals("YAML002", d.get("code").asText());
        assertEquals(1, d.get("range").get("start").get("line").asInt());
        assertEquals(0, d.get("range").get("start").get("character").asInt());
        assertEquals("configtx", json.get("files").get(0).get("kind").asText());
    }

    @Test
    void sarifListsEveryRuleAndLocatesResults() throws IOException {
        Path file = write("configtx.yaml", "Organizations:\nOrganizations:\n");
        Run run = run("--format", "sarif", file.toString());
        assertEquals(1, run.exit);
        JsonNode sarif = new ObjectMapper().readTree(run.out);
        assertEquals("2.1.0", sarif.get("version").asText());
        JsonNode runNode = sarif.get("runs").get(0);
        List<String> ruleIds = new ArrayList<>();
        runNode.get("tool").get("driver").get("rules").forEach(r -> ruleIds.add(r.get("id").asText()));
        assertTrue(ruleIds.containsAll(List.of("YAML001", "YAML002", "FILE001", "FILE002")), ruleIds.toString());
        assertEquals(ruleIds.stream().distinct().count(), ruleIds.size(), "one rule per code");
        JsonNode result = runNode.get("results").get(0);
        assertEquals("YAML002", result.get("ruleId").asText());
        assertEquals("YAML002", ruleIds.get(result.get("ruleIndex").asInt()));
        JsonNode region = result.get("locations").get(0).get("physicalLocation").get("region");
        assertEquals(2, region.get("startLine").asInt());
        assertEquals(1, region.get("startColumn").asInt());
    }

    @Test
    void nonexistentPathIsUnreadableInput() {
        Run run = run(dir.resolve("nope.yaml").toString());
        assertEquals(2, run.exit);
        assertEquals("raftlens validate: " + dir.resolve("nope.yaml") + ": no such file or directory\n", run.err);
    }

    @Test
    void folderWithoutConfigsIsUnreadableInput() throws IOException {
        write("empty/README.md", "# nothing here\n");
        write("empty/values.yaml", "replicas: 3\n");
        Run run = run(dir.resolve("empty").toString());
        assertEquals(2, run.exit);
        assertEquals("raftlens validate: " + dir.resolve("empty")
                + ": no configtx*.yaml, orderer*.yaml or '# raftlens:' YAML files in this folder\n", run.err);
    }

    @Test
    void binaryFileIsUnreadableInputWithOneLineReason() throws IOException {
        Path file = dir.resolve("orderer.yaml");
        Files.write(file, new byte[] {0x7f, 'E', 'L', 'F', 0, 1, 2, (byte) 0xff});
        Run run = run(file.toString());
        assertEquals(2, run.exit);
        assertEquals(1, run.err.lines().count(), run.err);
        assertTrue(run.err.startsWith("raftlens validate: " + file + ": not a text file"), run.err);
    }

    @Test
    void invalidUtf8IsUnreadableInput() throws IOException {
        Path file = dir.resolve("configtx.yaml");
        Files.write(file, "Organizations:\n  - Name: Org\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Run run = run(file.toString());
        assertEquals(2, run.exit);
        assertTrue(run.err.contains("not UTF-8"), run.err);
    }

    @Test
    void fiftyMegabyteFileIsRefusedWithoutReadingIt() throws IOException {
        Path file = dir.resolve("configtx.yaml");
        try (var ch = Files.newByteChannel(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.position(50L * 1024 * 1024 - 1);
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}));
        }
        Run run = run(file.toString());
        assertEquals(2, run.exit);
        assertEquals("raftlens validate: " + file + ": file is 50.0 MB; RaftLens reads configuration files up to 8 MB\n", run.err);
    }

    @Test
    void emptyFileIsValidatedNotRefused() throws IOException {
        Path file = write("orderer.yaml", "");
        Run run = run(file.toString());
        assertEquals("", run.err);
        assertTrue(run.exit == 0 || run.exit == 1, "an empty file is input, not a usage error");
        assertTrue(run.out.lines().reduce((a, b) -> b).orElseThrow().matches("\\d+ errors, \\d+ warnings(; .*)?"), run.out);
    }

    @Test
    void yamlOfUnknownKindGivenExplicitlyIsAnError() throws IOException {
        Path file = write("values.yaml", "replicas: 3\n");
        Run run = run(file.toString());
        assertEquals(1, run.exit);
        assertTrue(run.out.contains("[FILE001]"), run.out);
    }

    @Test
    void unreadableFileIsUnreadableInput() throws IOException {
        Path file = write("orderer.yaml", GOOD_ORDERER);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(file), "running as root: permissions are not enforced");
        Run run = run(file.toString());
        assertEquals(2, run.exit);
        assertEquals("raftlens validate: " + file + ": permission denied\n", run.err);
    }

    @Test
    void sameFileTwiceIsValidatedOnce() throws IOException {
        Path file = write("configtx.yaml", "Organizations:\nOrganizations:\n");
        Run run = run(file.toString(), dir.toString());
        assertEquals(2, run.out.lines().count(), run.out);
    }

    @Test
    void usageErrorsAreOneLineWithExitTwo() {
        Run badFormat = run("--format", "xml", "x.yaml");
        assertEquals(2, badFormat.exit);
        assertEquals("raftlens validate: --format must be text, json or sarif, not 'xml' (see 'raftlens validate --help')\n", badFormat.err);
        assertEquals("", badFormat.out);

        Run badVersion = run("--fabric-version", "1.4", "x.yaml");
        assertEquals(2, badVersion.exit);
        assertEquals("raftlens validate: --fabric-version must be auto, 2.5 or 3, not '1.4' (see 'raftlens validate --help')\n", badVersion.err);

        Run noPath = run();
        assertEquals(2, noPath.exit);
        assertEquals(1, noPath.err.lines().count(), noPath.err);
        assertTrue(noPath.err.startsWith("raftlens validate: Missing required parameter: 'PATH'"), noPath.err);

        Run unknownOption = run("--colour", "x.yaml");
        assertEquals(2, unknownOption.exit);
        assertTrue(unknownOption.err.startsWith("raftlens validate: Unknown option: '--colour'"), unknownOption.err);
    }

    @Test
    void strictTurnsWarningsIntoFailure() throws IOException {
        Path file = write("orderer.yaml", GOOD_ORDERER + "# a deprecated key: a warning\n"
                + "FileLedger:\n  Prefix: hyperledger-fabric-ordererledger\n");
        Run lenient = run(file.toString());
        assertEquals(0, lenient.exit, lenient.out);
        assertTrue(lenient.out.endsWith("0 errors, 1 warnings; Fabric 3 rules (default, nothing to infer from)\n"), lenient.out);
        assertTrue(lenient.out.contains(file + ":13:3: warning: FileLedger.Prefix is ignored. [ORD003]"), lenient.out);
        assertEquals(1, run("--strict", file.toString()).exit);
    }

    @Test
    void fabricVersionSelectsTheRules() throws IOException {
        Path file = write("orderer.yaml", GOOD_ORDERER + "Kafka:\n  Verbose: false\n");
        Run v3 = run("--fabric-version", "3", file.toString());
        assertEquals(1, v3.exit);
        assertTrue(v3.out.contains(file + ":11:1: error: Kafka was removed in Fabric 3.0"), v3.out);
        assertTrue(v3.out.endsWith("; Fabric 3 rules (--fabric-version)\n"), v3.out);
        Run v25 = run("--fabric-version", "2.5", file.toString());
        assertEquals(0, v25.exit, v25.out);
        Path modeline = write("v25/orderer.yaml", "# raftlens: orderer fabric=2.5\n" + GOOD_ORDERER + "Kafka:\n  Verbose: false\n");
        assertEquals(0, run("--fabric-version", "3", modeline.toString()).exit, "the modeline overrides the option");
    }

    @Test
    void autoIsTheDefaultAndTheSummaryAndJsonSayWhatItInferred() throws IOException {
        Path orderer = write("orderer.yaml", GOOD_ORDERER + "Kafka:\n  Verbose: false\n");
        Run kafka = run(orderer.toString());
        assertEquals(0, kafka.exit, "a 2.x orderer.yaml (it has a Kafka section) gets the 2.5 rules: " + kafka.out);
        assertEquals("0 errors, 0 warnings; Fabric 2.5 rules (inferred from the Kafka section (Fabric 2.x only))\n", kafka.out);
        Path configtx = write("v3/configtx.yaml", "Capabilities:\n  Channel: &ChannelCapabilities\n    V3_0: true\n"
                + "Organizations: []\n");
        JsonNode json = new ObjectMapper().readTree(run("--format", "json", configtx.toString(), orderer.toString()).out);
        JsonNode files = json.get("files");
        assertEquals("3", files.get(1).get("fabricVersion").asText(), json.toString());
        assertEquals("Channel capability V3_0", files.get(1).get("fabricVersionBasis").asText());
        assertEquals("2.5", files.get(0).get("fabricVersion").asText());
        assertEquals(1, json.get("summary").get("fabricVersions").get("3").asInt());
        assertEquals(1, json.get("summary").get("fabricVersions").get("2.5").asInt());
        JsonNode sarif = new ObjectMapper().readTree(run("--format", "sarif", configtx.toString()).out);
        JsonNode properties = sarif.get("runs").get(0).get("properties");
        assertEquals("3", properties.get("files").get(0).get("fabricVersion").asText(), properties.toString());
        assertTrue(properties.get("summary").asText().contains("Fabric 3 rules (inferred from Channel capability V3_0)"));
    }

    @Test
    void missingCryptoMaterialIsOneWarningPerFolderAndNoFilesSkipsIt() throws IOException {
        Path configtx = write("ci/configtx.yaml", "Organizations:\n"
                + "  - Name: Org1MSP\n    ID: Org1MSP\n    MSPDir: crypto-config/peerOrganizations/org1/msp\n"
                + "    Policies: {Readers: {Type: Signature, Rule: \"OR('Org1MSP.member')\"}, Writers: {Type: Signature, "
                + "Rule: \"OR('Org1MSP.member')\"}, Admins: {Type: Signature, Rule: \"OR('Org1MSP.admin')\"}}\n"
                + "  - Name: Org2MSP\n    ID: Org2MSP\n    MSPDir: crypto-config/peerOrganizations/org2/msp\n"
                + "    Policies: {Readers: {Type: Signature, Rule: \"OR('Org2MSP.member')\"}, Writers: {Type: Signature, "
                + "Rule: \"OR('Org2MSP.member')\"}, Admins: {Type: Signature, Rule: \"OR('Org2MSP.admin')\"}}\n");
        Run withFiles = run(configtx.toString());
        assertEquals(0, withFiles.exit, withFiles.out);
        assertTrue(withFiles.out.startsWith(configtx + ":4:13: warning: crypto-config/ does not exist (yet): 2 paths point into "
                + "it (MSPDir of Org1MSP, MSPDir of Org2MSP), the first here;"), withFiles.out);
        assertEquals(2, withFiles.out.lines().count(), withFiles.out);
        Run noFiles = run("--no-files", configtx.toString());
        assertEquals("0 errors, 0 warnings; Fabric 3 rules (default, nothing to infer from); file checks skipped (--no-files): "
                + "certificates, keys and MSP folders not looked at\n", noFiles.out);
    }

    @Test
    void sarifRuleTableIncludesTheOrdererRules() throws IOException {
        Path file = write("orderer.yaml", GOOD_ORDERER);
        JsonNode rules = new ObjectMapper().readTree(run("--format", "sarif", file.toString()).out)
                .get("runs").get(0).get("tool").get("driver").get("rules");
        List<String> ids = new ArrayList<>();
        rules.forEach(r -> ids.add(r.get("id").asText()));
        assertTrue(ids.containsAll(List.of("ORD001", "ORD004", "ORD012")), ids.toString());
    }

    @Test
    void unknownProfileIsReportedInTheFile() throws IOException {
        Path file = write("configtx.yaml", "Profiles:\n  TwoOrgsChannel: {}\n");
        Run run = run("--profile", "TwoOrgs", file.toString());
        assertEquals(1, run.exit, run.out);
        assertTrue(run.out.contains("profile TwoOrgs is not defined (profiles: TwoOrgsChannel)") && run.out.contains("[CTX027]"), run.out);
    }

    @Test
    void helpDescribesTheContract() {
        Run run = run("--help");
        assertEquals(0, run.exit);
        assertTrue(run.out.contains("--fabric-version=auto|2.5|3"), run.out);
        assertTrue(run.out.contains("--no-files"), run.out);
        assertTrue(run.out.contains("2   usage error or unreadable input"), run.out);
    }

    /** adversarial.md H4/M1: a FIFO or a device as the file to validate: exit 2 with one line, no hang, no OOM. */
    @Test
    void fifoAndDeviceInputsExitTwoWithOneLine() throws Exception {
        Path fifo = dir.resolve("orderer.yaml");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        for (String target : List.of(fifo.toString(), "/dev/zero")) {
            Run run = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> run(target));
            assertEquals(2, run.exit, run.out + run.err);
            assertEquals(1, run.err.lines().count(), run.err);
            assertTrue(run.err.contains(target) && run.err.contains("not a regular file"), run.err);
        }
    }

    /** adversarial.md C1: {File: secret} in configtx.yaml; no format prints the file's content. */
    @Test
    void fileReferencesNeverLeakIntoAnyFormat() throws Exception {
        Path secret = write("id_rsa", "-----BEGIN PRIVATE KEY-----\nTOPSECRET-MARKER\n-----END PRIVATE KEY-----\n");
        Path file = write("configtx.yaml", "Orderer:\n  OrdererType: {File: " + secret + "}\n  Addresses: {File: " + secret + "}\n");
        for (String format : List.of("text", "json", "sarif")) {
            Run run = run("--format", format, file.toString());
            assertFalse((run.out + run.err).contains("TOPSECRET") || (run.out + run.err).contains("BEGIN PRIVATE"), format + ": " + run.out);
            assertTrue(run.out.contains(secret.toString()) || run.out.contains(secret.toString().replace("/", "\\/")), format + ": " + run.out);
        }
    }
}
