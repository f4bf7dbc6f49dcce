package io.raftlens.raft.node.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data-driven test file in etcd's {@code datadriven} format: each case is a command line with {@code key=value}
 * arguments, a {@code ----} line, and the expected output up to the next blank line; {@code #} lines are
 * comments. {@link #rewrite} writes the actual output back (run with {@code -Draftlens.rewrite=true}).
 */
final class ScriptFile {

    /** One command with its arguments (in order) and the output the file expects. */
    record Case(int line, String command, Map<String, String> args, String expected) {
        String arg(String key, String fallback) {
            return args.getOrDefault(key, fallback);
        }

        String arg(String key) {
            String v = args.get(key);
            if (v == null) {
                throw new IllegalArgumentException("line " + line + ": " + command + " needs " + key + "=…");
            }
            return v;
        }
    }

    final Path path;
    final List<String> lines;
    final List<Case> cases = new ArrayList<>();
    /** Per case: the index of its first expected-output line and the index after its last. */
    private final List<int[]> outputSpans = new ArrayList<>();

    ScriptFile(Path path) throws IOException {
        this.path = path;
        this.lines = Files.readAllLines(path);
        int i = 0;
        while (i < lines.size()) {
            String l = lines.get(i);
            if (l.isBlank() || l.startsWith("#")) {
                i++;
                continue;
            }
            int cmdLine = i + 1;
            String[] words = l.trim().split("\\s+");
            Map<String, String> args = new LinkedHashMap<>();
            for (int w = 1; w < words.length; w++) {
                int eq = words[w].indexOf('=');
                if (eq < 0) {
                    args.put(words[w], "");
                } else {
                    args.put(words[w].substring(0, eq), words[w].substring(eq + 1));
                }
            }
            i++;
            if (i >= lines.size() || !lines.get(i).equals("----")) {
                throw new IllegalArgumentException(path.getFileName() + ":" + cmdLine + ": expected ---- after the command");
            }
            i++;
            int from = i;
            StringBuilder expected = new StringBuilder();
            while (i < lines.size() && !lines.get(i).isBlank()) {
                expected.append(lines.get(i)).append('\n');
                i++;
            }
            outputSpans.add(new int[] {from, i});
            cases.add(new Case(cmdLine, words[0], args, expected.toString()));
        }
    }

    /** The file with each case's output replaced by {@code actual} (same order as {@link #cases}). */
    void rewrite(List<String> actual) throws IOException {
        List<String> out = new ArrayList<>();
        int next = 0;
        for (int c = 0; c < cases.size(); c++) {
            int[] span = outputSpans.get(c);
            out.addAll(lines.subList(next, span[0]));
            String a = actual.get(c);
            if (!a.isEmpty()) {
                out.addAll(List.of(a.split("\n")));
            }
            next = span[1];
        }
        out.addAll(lines.subList(next, lines.size()));
        Files.write(path, out);
    }
}
