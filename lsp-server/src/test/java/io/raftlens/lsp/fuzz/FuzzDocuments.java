package io.raftlens.lsp.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Generated documents for the language service: mutations of the real Fabric corpus, random YAML, alias bombs,
 * deep nesting, huge files and invalid UTF-8 — the half-written and hostile files an editor really sees.
 * Deterministic for a seed, so a failing case can be replayed from its number.
 */
final class FuzzDocuments {

    /** One generated document: its kind of generator (for the report) and its text. */
    record Case(String family, String text) {}

    static final Path CORPUS = Path.of("/work/shared/corpus");
    private static final Path SAMPLES = Path.of("../samples").toAbsolutePath().normalize();

    private static final String[] TOKENS = {"Orderer:", "OrdererType: etcdraft", "EtcdRaft:", "Consenters:", "- Host: o1",
            "Port: 7050", "ClientTLSCert: ../x.crt", "TickInterval: 500ms", "ElectionTick: 10", "HeartbeatTick: 1",
            "Profiles:", "&anchor", "*anchor", "<<: *anchor", "BatchSize:", "MaxMessageCount: 10",
            "AbsoluteMaxBytes: 99 MB", "Policies:", "Rule: \"MAJORITY Admins\"", "Type: ImplicitMeta", "---", "...",
            "{", "}", "[", "]", ":", "- ", "!!binary", "!!str", "? ", "|", ">-", "\"", "'", "#", "%YAML 1.2", "\t",
            "\u0000", "\uFEFF", "\uD800", "😀", "\r", "\r\n", "General:", "ListenAddress: 0.0.0.0",
            "Capabilities:", "V2_0: true", "Organizations:", "MSPDir: /etc/passwd", "../../../../etc/shadow"};

    private final Random random;
    private final List<String> corpus;

    FuzzDocuments(long seed) {
        this.random = new Random(seed);
        this.corpus = loadCorpus();
    }

    static List<String> loadCorpus() {
        List<String> out = new ArrayList<>();
        for (Path dir : List.of(CORPUS, SAMPLES)) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    out.add(Files.readString(p, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no YAML corpus under " + CORPUS + " or " + SAMPLES);
        }
        return out;
    }

    int corpusSize() {
        return corpus.size();
    }

    /** Case {@code n}: huge files are rare (one per {@code hugeEvery}) so a run stays bounded in time. */
    Case next(long n, int hugeEvery) {
        if (n % hugeEvery == hugeEvery - 1) {
            return new Case("10MB", huge());
        }
        int pick = random.nextInt(100);
        if (pick < 55) {
            return new Case("corpus-mutation", mutate(corpus.get(random.nextInt(corpus.size()))));
        } else if (pick < 75) {
            return new Case("random-yaml", randomYaml());
        } else if (pick < 82) {
            return new Case("alias-bomb", aliasBomb());
        } else if (pick < 89) {
            return new Case("deep-nesting", deepNesting());
        } else {
            return new Case("invalid-utf8", invalidUtf8(corpus.get(random.nextInt(corpus.size()))));
        }
    }

    private String mutate(String base) {
        StringBuilder s = new StringBuilder(base);
        int edits = 1 + random.nextInt(8);
        for (int i = 0; i < edits && s.length() > 0; i++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(8)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 2 -> s.setCharAt(at, (char) random.nextInt(0x3000));
                case 3 -> s.setLength(at); // truncated mid-edit
                case 4 -> { // duplicate a line elsewhere (duplicate keys, wrong indentation)
                    int ls = s.lastIndexOf("\n", at) + 1;
                    int le = s.indexOf("\n", ls);
                    String line = s.substring(ls, le < 0 ? s.length() : le);
                    s.insert(random.nextInt(s.length() + 1), line + "\n");
                }
                case 5 -> s.insert(at, " ".repeat(1 + random.nextInt(12)));
                case 6 -> { // delete a whole block of lines
                    int end = Math.min(s.length(), at + random.nextInt(400));
                    s.delete(at, end);
                }
                default -> s.insert(at, "\n" + TOKENS[random.nextInt(TOKENS.length)] + " " + TOKENS[random.nextInt(TOKENS.length)]);
            }
        }
        return s.toString();
    }

    private String randomYaml() {
        StringBuilder s = new StringBuilder("# raftlens: configtx\n");
        emitMapping(s, 0, 1 + random.nextInt(5));
        return s.toString();
    }

    private void emitMapping(StringBuilder s, int indent, int depthLeft) {
        int keys = 1 + random.nextInt(6);
        for (int k = 0; k < keys; k++) {
            s.append(" ".repeat(indent)).append(key()).append(':');
            int kind = depthLeft <= 0 ? 0 : random.nextInt(4);
            switch (kind) {
                case 0 -> s.append(' ').append(scalar()).append('\n');
                case 1 -> {
                    s.append('\n');
                    emitMapping(s, indent + 2, depthLeft - 1);
                }
                case 2 -> {
                    s.append('\n');
                    int items = 1 + random.nextInt(4);
                    for (int i = 0; i < items; i++) {
                        s.append(" ".repeat(indent + 2)).append("- ").append(scalar()).append('\n');
                    }
                }
                default -> s.append(" { a: ").append(scalar()).append(", b: [").append(scalar()).append(", ").append(scalar()).append("] }\n");
            }
        }
    }

    private String key() {
        String[] keys = {"Orderer", "EtcdRaft", "Consenters", "Options", "TickInterval", "Profiles", "Organizations",
                "BatchSize", "Host", "Port", "Capabilities", "Policies", "General", "Cluster", "x", "<<", "? q"};
        return random.nextInt(5) == 0 ? TOKENS[random.nextInt(TOKENS.length)] : keys[random.nextInt(keys.length)];
    }

    private String scalar() {
        return switch (random.nextInt(9)) {
            case 0 -> Integer.toString(random.nextInt());
            case 1 -> random.nextInt(1000) + new String[]{"ms", "s", "m", "h", "MB", "KB", "", "xx"}[random.nextInt(8)];
            case 2 -> "\"" + TOKENS[random.nextInt(TOKENS.length)] + "\"";
            case 3 -> "&a" + random.nextInt(4) + " v";
            case 4 -> "*a" + random.nextInt(4);
            case 5 -> "true";
            case 6 -> "~";
            case 7 -> "'" + "z".repeat(random.nextInt(200)) + "'";
            default -> TOKENS[random.nextInt(TOKENS.length)];
        };
    }

    /** Billion laughs: each level repeats the previous alias ten times. */
    private String aliasBomb() {
        int levels = 5 + random.nextInt(6);
        StringBuilder s = new StringBuilder("# raftlens: configtx\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i <= levels; i++) {
            s.append('a').append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                s.append(j == 0 ? "" : ",").append("*a").append(i - 1);
            }
            s.append("]\n");
        }
        if (random.nextBoolean()) { // merge-key variant: Profiles inheriting through aliased maps
            s.append("Orderer: &o\n  OrdererType: etcdraft\n");
            for (int i = 0; i < levels; i++) {
                s.append("m").append(i).append(": &m").append(i).append("\n  <<: [*").append(i == 0 ? "o" : "m" + (i - 1))
                        .append(", *").append(i == 0 ? "o" : "m" + (i - 1)).append("]\n  k").append(i).append(": *a").append(levels).append('\n');
            }
        }
        return s.toString();
    }

    private String deepNesting() {
        int depth = 1_000 + random.nextInt(20_000);
        return switch (random.nextInt(4)) {
            case 0 -> "# raftlens: configtx\nOrderer: " + "[".repeat(depth) + "]".repeat(random.nextInt(depth)) + "\n";
            case 1 -> "# raftlens: configtx\nOrderer: " + "{a: ".repeat(depth) + "1" + "}".repeat(depth) + "\n";
            case 2 -> {
                StringBuilder s = new StringBuilder("# raftlens: configtx\n");
                int d = Math.min(depth, 3_000);
                for (int i = 0; i < d; i++) {
                    s.append(" ".repeat(i)).append("k").append(i).append(":\n");
                }
                yield s.toString();
            }
            default -> "# raftlens: configtx\nOrderer:\n" + "  - ".repeat(Math.min(depth, 5_000)) + "x\n";
        };
    }

    /** About 10 MB: a real configtx repeated (duplicate keys, many profiles) or one enormous scalar line. */
    private String huge() {
        int target = 10 * 1024 * 1024;
        if (random.nextBoolean()) {
            String base = corpus.get(random.nextInt(corpus.size()));
            StringBuilder s = new StringBuilder(target + base.length());
            for (int i = 0; s.length() < target; i++) {
                s.append(base.replace("Profiles:", "Profiles" + i + ":")).append('\n');
            }
            return s.toString();
        }
        return "# raftlens: configtx\nOrderer:\n  OrdererType: \"" + "x".repeat(target) + "\"\n";
    }

    /** Bytes that are not UTF-8 decoded as an editor's transport would (U+FFFD), plus lone surrogates. */
    private String invalidUtf8(String base) {
        byte[] bytes = base.getBytes(StandardCharsets.UTF_8);
        int flips = 1 + random.nextInt(16);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(bytes.length);
            bytes[at] = (byte) (0x80 | random.nextInt(0x80)); // continuation/lead bytes out of place
        }
        String decoded = new String(bytes, StandardCharsets.UTF_8);
        int at = random.nextInt(decoded.length() + 1);
        return decoded.substring(0, at) + "\uDC00\uD800" + decoded.substring(at);
    }
}
