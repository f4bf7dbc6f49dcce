package io.raftlens.lsp.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.raftlens.lsp.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * The samples through {@code raftlens validate}, in-process: the runnable samples are clean even under
 * {@code --strict}, and every file in samples/broken/ gets exactly the diagnostics its {@code # expect:} lines list.
 */
class SamplesValidateTest {

    private static final Pattern EXPECT = Pattern.compile("(?m)^# expect: (\\d+):(\\d+) (error|warning|information|hint) ([A-Z]+\\d{3})\\s*$");
    private static final Pattern EXPECT_LINE = Pattern.compile("(?m)^#\\s*expect:.*$");

    record Run(int exit, String out, String err) {
    }

    static Run validate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("validate"));
        all.addAll(List.of(args));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void runnableSamplesAreCleanEvenWhenStrict() {
        for (String sample : List.of("three-orderers", "five-orderers", "two-channels")) {
            Path dir = Repo.samples().resolve(sample);
            Run r = validate("--strict", dir.resolve("configtx.yaml").toString(), dir.resolve("orderer.yaml").toString());
            assertEquals(0, r.exit(), sample + ": " + r.out() + r.err());
            assertTrue(r.out().contains("0 errors, 0 warnings"), sample + ": " + r.out());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyBrokenSampleGetsExactlyTheDiagnosticsItLists() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Repo.samples().resolve("broken"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 7, "samples/broken/ has the timing, consenters, batch-sizes, policies, capabilities, "
                + "orderer-startup and anchors examples: " + files);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path file) throws IOException {
        String text = Files.readString(file);
        List<String> expected = new ArrayList<>();
        Matcher m = EXPECT.matcher(text);
        while (m.find()) {
            expected.add(m.group(1) + ":" + m.group(2) + " " + m.group(3) + " " + m.group(4));
        }
        long expectLines = EXPECT_LINE.matcher(text).results().count();
        assertEquals(expectLines, expected.size(), file + ": every '# expect:' line must read 'LINE:COL severity CODE'");
        assertFalse(expected.isEmpty(), file + " lists no expected diagnostics");

        Run r = validate("--format", "json", file.toString());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        List<String> actual = new ArrayList<>();
        for (JsonNode f : doc.get("files")) {
            for (JsonNode d : f.get("diagnostics")) {
                JsonNode start = d.get("range").get("start");
                actual.add((start.get("line").asInt() + 1) + ":" + (start.get("character").asInt() + 1) + " "
                        + d.get("severity").asText() + " " + d.get("code").asText());
            }
        }
        assertEquals(sorted(expected), sorted(actual), file + " (raftlens validate output: " + r.out() + r.err() + ")");
        boolean errors = expected.stream().anyMatch(e -> e.contains(" error "));
        assertEquals(errors ? 1 : 0, r.exit(), file + ": exit status");
    }

    private static List<String> sorted(List<String> l) {
        return l.stream().sorted().toList();
    }
}
