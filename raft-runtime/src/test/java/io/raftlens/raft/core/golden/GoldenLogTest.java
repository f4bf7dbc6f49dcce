package io.raftlens.raft.core.golden;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Replays etcd's election scenarios (testdata/campaign.txt, prevote.txt, checkquorum.txt,
 * prevote_checkquorum.txt) through {@link InteractionEnv} and compares every command's raft log lines with the
 * golden files under {@code src/test/resources/golden/}. The golden files hold etcd's own expected lines (see
 * each file's header for the source and the one adaptation); they are not a recording of this core.
 *
 * <p>{@code -Draftlens.golden.rewrite=true} rewrites the golden files from what the core prints instead — for
 * reviewing a deliberate change with {@code git diff}, never for making a failing test pass.
 */
class GoldenLogTest {

    private static final boolean REWRITE = Boolean.getBoolean("raftlens.golden.rewrite");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"campaign.txt", "prevote.txt", "checkquorum.txt", "prevote_checkquorum.txt"})
    void raftLogMatchesEtcd(String file) throws IOException {
        GoldenScript script = GoldenScript.parse(file, read(file));
        InteractionEnv env = new InteractionEnv();
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
            fail(mismatches.size() + " command(s) printed other raft log lines than etcd:\n\n"
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
