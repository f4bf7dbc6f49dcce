package io.raftlens.lsp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real external LSP client: headless Neovim (Debian's 0.7.2, {@code vim.lsp.start_client}) runs the
 * server as {@code raftlens lsp} on stdio, opens the five-orderer sample and a broken configtx.yaml, and
 * reports the diagnostics, a completion and a hover it received. Skipped when nvim is not installed,
 * except in CI (CI=true), where its absence fails the build.
 */
@Timeout(120)
class NeovimEndToEndTest {

    static final Path SAMPLE = Path.of("../samples/five-orderers/configtx.yaml").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void neovimGetsDiagnosticsCompletionAndHover() throws Exception {
        String nvim = findNvim();
        Path broken = dir.resolve("configtx.yaml");
        Files.writeString(broken, String.join("\n",
                "Orderer:",
                "  OrdererType: etcdraft",
                "  BatchTimeOt: 2s",
                "  EtcdRaft:",
                "    Options:",
                "      TickInterval: 500ms",
                "      ",
                ""));
        Path script = dir.resolve("lsp_session.lua");
        try (var in = NeovimEndToEndTest.class.getResourceAsStream("/nvim/lsp_session.lua")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> sampleLines = Files.readAllLines(SAMPLE);
        int hoverLine = sampleLines.indexOf("  BatchTimeout: 2s");
        Path out = dir.resolve("result.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        JsonArray cmd = new JsonArray();
        for (String part : List.of(java, "-cp", System.getProperty("java.class.path"), "io.raftlens.lsp.cli.Main", "lsp")) {
            cmd.add(part);
        }
        ProcessBuilder pb = new ProcessBuilder(nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n",
                "-c", "luafile " + script)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nvim.log").toFile());
        pb.environment().put("HOME", dir.toString()); // nvim writes its LSP log under ~/.cache
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        pb.environment().put("OUT", out.toString());
        pb.environment().put("LSP_CMD_JSON", cmd.toString());
        pb.environment().put("SAMPLE", SAMPLE.toString());
        pb.environment().put("BROKEN", broken.toString());
        pb.environment().put("COMPLETION_LINE", "6");
        pb.environment().put("COMPLETION_CHAR", "6");
        pb.environment().put("HOVER_LINE", String.valueOf(hoverLine));
        pb.environment().put("HOVER_CHAR", "4");
        Process p = pb.start();
        if (!p.waitFor(100, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("nvim did not finish within 100 s; its output: " + Files.readString(dir.resolve("nvim.log")));
        }
        assertTrue(Files.exists(out), "nvim wrote no result; its output: " + Files.readString(dir.resolve("nvim.log")));
        JsonObject result = JsonParser.parseString(Files.readString(out, StandardCharsets.UTF_8)).getAsJsonObject();

        assertEquals(0, result.getAsJsonObject("nvim").get("major").getAsInt());
        assertTrue(result.get("sample_diagnostics").isJsonArray(), result.toString());
        assertEquals(0, result.getAsJsonArray("sample_diagnostics").size(), result.get("sample_diagnostics").toString());

        List<String> brokenCodes = new ArrayList<>();
        JsonObject unknownKey = null;
        for (JsonElement d : result.getAsJsonArray("broken_diagnostics")) {
            JsonObject o = d.getAsJsonObject();
            brokenCodes.add(o.get("code").getAsString());
            if (o.get("code").getAsString().equals("VAL001")) {
                unknownKey = o;
            }
        }
        assertTrue(brokenCodes.contains("VAL001"), brokenCodes.toString());
        assertTrue(brokenCodes.contains("RAFT007"), brokenCodes.toString());
        JsonObject range = unknownKey.getAsJsonObject("range");
        assertEquals("2:2-2:13", range.getAsJsonObject("start").get("line").getAsInt() + ":"
                + range.getAsJsonObject("start").get("character").getAsInt() + "-"
                + range.getAsJsonObject("end").get("line").getAsInt() + ":" + range.getAsJsonObject("end").get("character").getAsInt());
        assertTrue(unknownKey.get("message").getAsString().startsWith("unknown key \"BatchTimeOt\" in Orderer"));

        List<String> labels = new ArrayList<>();
        result.getAsJsonArray("completion_labels").forEach(l -> labels.add(l.getAsString()));
        assertTrue(labels.containsAll(List.of("ElectionTick", "HeartbeatTick", "MaxInflightBlocks", "SnapshotIntervalSize")),
                labels.toString());
        assertTrue(!labels.contains("TickInterval"), labels.toString());

        String hover = result.getAsJsonObject("hover").getAsJsonObject("contents").get("value").getAsString();
        assertTrue(hover.startsWith("**BatchTimeout**"), hover);
        assertTrue(hover.contains("Default: `2s`"), hover);
    }

    private static String findNvim() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(File.pathSeparator)) {
            File f = new File(d, "nvim");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("nvim is not installed but CI=true: the end-to-end editor test must run in CI (.ci/run installs neovim)");
        }
        Assumptions.abort("nvim is not installed: skipping the Neovim end-to-end test (apt-get install -y neovim to run it)");
        return null;
    }

}
