package io.raftlens.config.validate;

import io.raftlens.config.fabric.ValidationSettings;
import io.raftlens.config.validator.ConfigValidator;
import io.raftlens.config.yaml.YamlParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutated real configurations must never break the validator: no exception, at most 1 s per document,
 * and always an answer (diagnostics, or a clean file that parsed into a model).
 * {@code -Draftlens.fuzz.factor=N} runs N mutated documents per try instead of one (default run ≲ 30 s).
 */
class ValidatorFuzzTest {

    private static final long LIMIT_NANOS = 1_000_000_000L;
    private static final int FACTOR = Integer.getInteger("raftlens.fuzz.factor", 1);
    private static final ConfigValidator VALIDATOR = new ConfigValidator(ValidationSettings.defaults());
    private static List<Path> corpus;

    enum Mutation { BYTE_FLIPS, DELETE_LINES, DUPLICATE_LINES, INDENTATION, SWAP_LINES, TRUNCATE, INSERT_YAML_PUNCTUATION }

    @BeforeContainer
    static void loadCorpusAndWarmUp() throws IOException, URISyntaxException {
        try (Stream<Path> s = Files.list(Path.of(ValidatorFuzzTest.class.getResource("/corpus").toURI()))) {
            corpus = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path p : corpus) {
            VALIDATOR.validate(p); // JIT and class loading are not what the 1 s budget is about
        }
    }

    @Provide
    Arbitrary<Integer> corpusIndex() {
        return Arbitraries.integers().between(0, 23);
    }

    @Property(tries = 400, seed = "20261126")
    void mutatedCorpusNeverBreaksTheValidator(@ForAll("corpusIndex") int index, @ForAll Mutation mutation, @ForAll long seed)
            throws IOException {
        Path source = corpus.get(index % corpus.size());
        byte[] original = Files.readAllBytes(source);
        Random random = new Random(seed);
        for (int i = 0; i < FACTOR; i++) {
            byte[] mutated = mutate(original, mutation, random);
            check(source.getFileName().toString(), mutated);
        }
    }

    @Property(tries = 150, seed = "4242")
    void randomYamlNeverBreaksTheValidator(@ForAll long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < FACTOR; i++) {
            String yaml = RandomYaml.document(random);
            check(random.nextBoolean() ? "configtx.yaml" : "orderer.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Example
    void aliasBombIsRefusedQuickly() {
        StringBuilder sb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            sb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                sb.append(i == 0 ? "" : ",").append('*').append(p);
            }
            sb.append("]\n");
        }
        ValidationResult r = check("configtx.yaml", sb.toString().getBytes(StandardCharsets.UTF_8));
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.severity() == Severity.ERROR), r.diagnostics().toString());
    }

    @Example
    void deepNestingIsRefusedWithoutStackOverflow() {
        String flow = "Orderer: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
        check("configtx.yaml", flow.getBytes(StandardCharsets.UTF_8));
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            block.append(" ".repeat(i)).append("k").append(i).append(":\n");
        }
        check("orderer.yaml", block.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Example
    void tenMegabyteFileIsRefusedQuickly() {
        StringBuilder sb = new StringBuilder(10 * 1024 * 1024 + 100);
        sb.append("Profiles:\n");
        int i = 0;
        while (sb.length() < 10 * 1024 * 1024) {
            sb.append("  P").append(i++).append(":\n    Consortium: SampleConsortium\n");
        }
        ValidationResult r = check("configtx.yaml", sb.toString().getBytes(StandardCharsets.UTF_8));
        assertFalse(r.diagnostics().isEmpty());
    }

    @Example
    void invalidUtf8IsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(corpus.get(0));
        bytes[bytes.length / 2] = (byte) 0xC3;
        bytes[bytes.length / 2 + 1] = (byte) 0x28;
        ValidationResult r = check("configtx.yaml", bytes);
        assertFalse(r.diagnostics().isEmpty());
    }

    /** Validates bytes as a file (so undecodable bytes take the real path), within the time budget. */
    private static ValidationResult check(String name, byte[] bytes) {
        Path dir;
        try {
            dir = Files.createTempDirectory("raftlens-fuzz");
            Path file = dir.resolve(name);
            Files.write(file, bytes);
            long start = System.nanoTime();
            ValidationResult result = VALIDATOR.validate(file);
            long elapsed = System.nanoTime() - start;
            assertNotNull(result);
            assertTrue(elapsed < LIMIT_NANOS, name + " took " + elapsed / 1_000_000 + " ms");
            if (result.diagnostics().isEmpty()) {
                String text = new String(bytes, StandardCharsets.UTF_8);
                assertTrue(YamlParser.parse(text).root().isPresent(), "a clean result must come from a file with a model");
            }
            Files.delete(file);
            Files.delete(dir);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] mutate(byte[] original, Mutation mutation, Random random) {
        return switch (mutation) {
            case BYTE_FLIPS -> {
                byte[] b = Arrays.copyOf(original, original.length);
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips && b.length > 0; i++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                yield b;
            }
            case TRUNCATE -> Arrays.copyOf(original, random.nextInt(original.length + 1));
            default -> mutateLines(new String(original, StandardCharsets.UTF_8), mutation, random).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String mutateLines(String text, Mutation mutation, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int n = 1 + random.nextInt(5);
        for (int k = 0; k < n && !lines.isEmpty(); k++) {
            int i = random.nextInt(lines.size());
            switch (mutation) {
                case DELETE_LINES -> lines.remove(i);
                case DUPLICATE_LINES -> lines.add(i, lines.get(i));
                case INDENTATION -> lines.set(i, random.nextBoolean() ? " ".repeat(1 + random.nextInt(4)) + lines.get(i)
                        : lines.get(i).replaceFirst("^ {1," + (1 + random.nextInt(4)) + "}", ""));
                case SWAP_LINES -> {
                    int j = random.nextInt(lines.size());
                    String t = lines.get(i);
                    lines.set(i, lines.get(j));
                    lines.set(j, t);
                }
                case INSERT_YAML_PUNCTUATION -> {
                    String[] bits = {"&", "*", "<<: *", "- ", ": ", "{", "[", "'", "\"", "|", ">", "!!int ", "? ", "%", "\t", "#"};
                    String line = lines.get(i);
                    int at = line.isEmpty() ? 0 : random.nextInt(line.length() + 1);
                    lines.set(i, line.substring(0, at) + bits[random.nextInt(bits.length)] + line.substring(at));
                }
                default -> throw new IllegalStateException(mutation.name());
            }
        }
        return String.join("\n", lines);
    }
}
