package io.raftlens.raft.core.golden;

import io.raftlens.raft.core.EtcdRaftVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Replays etcd's data-driven interaction scripts (testdata/*.txt) through {@link InteractionEnv} and compares every
 * command's full output (log lines, Ready and message dumps) with the golden files under
 * {@code src/test/resources/golden/}. The golden files hold etcd's own expected output; where this core differs,
 * the file's header lists each difference and why. They are not a recording of this core.
 *
 * <p>Every {@code .txt} file under {@code src/test/resources/golden/} is replayed (the folder is walked, as etcd's
 * {@code datadriven.Walk}): a new script needs no code change.
 *
 * <p>NB: if this test fails, run it with {@code -Draftlens.golden.rewrite=true} and inspect the diff
 * ({@code git diff src/test/resources/golden}). Only commit the changes if you understand what caused them —
 * the files hold etcd's own lines, so a difference is a fidelity change, never a way to make the test pass.
 */
class GoldenLogTest {

    private static final boolean REWRITE = Boolean.getBoolean("raftlens.golden.rewrite");

    static Stream<String> scripts() throws IOException {
        List<String> files;
        try (Stream<Path> s = Files.walk(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".txt")).map(p -> DIR.relativize(p).toString()).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no golden scripts under " + DIR.toAbsolutePath());
        }
        return files.stream();
    }

    private static final Path DIR = Path.of("src", "test", "resources", "golden");

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void raftLogMatchesEtcd(String file) throws IOException {
        GoldenScript script = GoldenScript.parse(file, read(file));
        // Scripts under v3.5/ are etcd v3.5's own testdata (what Fabric 2.5 to 3.1.4 vendors); the rest etcd-io/raft v3.6's.
        InteractionEnv env = new InteractionEnv(file.startsWith("v3.5") ? EtcdRaftVersion.V3_5 : EtcdRaftVersion.V3_6);
        List<List<String>> outputs = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        for (GoldenScript.Block block : script.blocks()) {
            List<String> actual;
            try {
                actual = env.execute(block.command());
            } catch (RuntimeException e) {
                throw new AssertionError(file + ":" + block.line() + ": '" + block.command() + "' failed: " + e, e);
            }
            outputs.add(actual);
            if (!actual.equals(block.expected())) {
                mismatches.add(file + ":" + block.line() + ": " + block.command() + "\n--- expected (etcd)\n"
                        + String.join("\n", block.expected()) + "\n+++ actual\n" + String.join("\n", actual));
            }
        }
        if (REWRITE) {
            Path target = Path.of("src", "test", "resources", "golden", file);
            Files.writeString(target, script.render(outputs), StandardCharsets.UTF_8);
            return;
        }
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " command(s) printed other raft log lines than etcd (if intended, run with "
                    + "-Draftlens.golden.rewrite=true and inspect the diff):\n\n"
                    + String.join("\n\n", mismatches));
        }
    }

    private static String read(String file) throws IOException {
        try (InputStream in = GoldenLogTest.class.getResourceAsStream("/golden/" + file)) {
            assertNotNull(in, "missing golden file " + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
