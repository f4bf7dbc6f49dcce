package io.raftlens.raft.core.golden;

import java.util.ArrayList;
import java.util.List;

/**
 * A golden interaction script in the shape of etcd's data-driven testdata: comment lines ({@code #}), then a
 * command line, a {@code ----} separator and the expected output, up to a blank line.
 */
record GoldenScript(List<Block> blocks) {

    /** One command with the comments above it, its expected output and the line it starts on (1-based). */
    record Block(List<String> comments, String command, List<String> expected, int line) { }

    static GoldenScript parse(String name, String text) {
        List<Block> blocks = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                if (!line.isBlank() || !comments.isEmpty()) {
                    comments.add(line);
                }
                i++;
                continue;
            }
            int commandLine = i + 1;
            // A command may carry body lines (etcd: propose-conf-change's changes) up to the separator.
            StringBuilder command = new StringBuilder(line);
            i++;
            while (i < lines.length && !lines[i].equals("----") && !lines[i].isBlank()) {
                command.append('\n').append(lines[i]);
                i++;
            }
            if (i >= lines.length || !lines[i].equals("----")) {
                throw new IllegalArgumentException(name + ":" + commandLine + ": command '" + line
                        + "' must be followed by a line '----' and its expected output");
            }
            i++;
            line = command.toString();
            List<String> expected = new ArrayList<>();
            while (i < lines.length && !lines[i].isEmpty()) {
                expected.add(lines[i]);
                i++;
            }
            blocks.add(new Block(List.copyOf(comments), line, expected, commandLine));
            comments = new ArrayList<>();
        }
        return new GoldenScript(blocks);
    }

    /** The script with each block's expected output replaced by {@code outputs} (rewrite mode). */
    String render(List<List<String>> outputs) {
        StringBuilder sb = new StringBuilder();
        for (int b = 0; b < blocks.size(); b++) {
            Block block = blocks.get(b);
            if (b > 0) {
                sb.append('\n');
            }
            for (String c : block.comments()) {
                sb.append(c).append('\n');
            }
            sb.append(block.command()).append('\n').append("----\n");
            for (String o : outputs.get(b)) {
                sb.append(o).append('\n');
            }
        }
        return sb.toString();
    }
}
