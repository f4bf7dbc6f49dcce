package io.raftlens.lsp.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.LspSettings;
import io.raftlens.lsp.service.FabricLanguageService;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.junit.jupiter.api.Test;

/**
 * Generated documents through every feature of the language service: no exception, no answer slower than 1 s,
 * heap bounded. {@code -Draftlens.fuzz.cases=100000} runs the full campaign (docs/reliability.md); the default
 * keeps {@code mvn verify} short. A failing case is written to target/fuzz-failures/ with its seed and number.
 */
class LanguageServiceFuzzTest {

    static final int CASES = Integer.getInteger("raftlens.fuzz.cases", 2_000);
    static final long SEED = Long.getLong("raftlens.fuzz.seed", 20261126L);
    /** One 10 MB document per this many cases (at least one per run). */
    static final int HUGE_EVERY = Math.min(CASES, 5_000);
    static final long ANSWER_LIMIT_NANOS = 1_000_000_000L;
    /** Heap still in use after a full GC, sampled during the run: growth would mean the service leaks per document. */
    static final long RETAINED_LIMIT_BYTES = 256L << 20;

    private static final CancelChecker NEVER = () -> { };

    private final FabricLanguageService service = new FabricLanguageService();
    private final LspSettings settings = LspSettings.defaults();
    private long slowestNanos;
    private long slowestWallNanos;
    private String slowestWallWhat = "";
    private String slowestWhat = "";
    private final Map<String, Integer> families = new TreeMap<>();
    private long retainedMax;
    private long current;

    @Test
    void generatedDocumentsNeverCrashStallOrExhaustMemory() throws IOException {
        FuzzDocuments gen = new FuzzDocuments(SEED);
        // warm-up on the unmutated corpus: the limit is about answers of a running server, not JIT start-up
        int w = 0;
        for (String text : FuzzDocuments.loadCorpus()) {
            exercise("file:///tmp/raftlens-fuzz/configtx.yaml", w++, new FuzzDocuments.Case("warm-up", text));
        }
        slowestNanos = 0;
        slowestWallNanos = 0;
        resetPeaks();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (long n = 0; n < CASES; n++) {
            FuzzDocuments.Case c = gen.next(n, HUGE_EVERY);
            families.merge(c.family(), 1, Integer::sum);
            if (n % 2_000 == 1_999) {
                retainedMax = Math.max(retainedMax, retainedHeapBytes());
            }
            String uri = n % 3 == 2 ? "file:///tmp/raftlens-fuzz/orderer.yaml" : "file:///tmp/raftlens-fuzz/configtx.yaml";
            current = n;
            try {
                exercise(uri, (int) n, c);
            } catch (Throwable t) {
                failures.add(record(n, c, t));
                if (failures.size() >= 5) {
                    break;
                }
            }
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        long peakHeap = peakHeapBytes();
        retainedMax = Math.max(retainedMax, retainedHeapBytes());
        String summary = String.format("fuzz: %d cases %s in %d ms (seed %d); slowest answer %.1f ms without GC pauses (%s), %.1f ms wall (%s); peak heap %d MB; retained after GC %d MB",
                CASES, families, elapsedMs, SEED, slowestNanos / 1e6, slowestWhat, slowestWallNanos / 1e6, slowestWallWhat, peakHeap >> 20, retainedMax >> 20);
        System.out.println(summary);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/fuzz-summary.txt"), summary + "\n");
        assertTrue(failures.isEmpty(), "language service failed on generated documents:\n" + String.join("\n", failures));
        assertTrue(slowestNanos < ANSWER_LIMIT_NANOS, "an answer took longer than 1 s: " + summary);
        assertTrue(retainedMax < RETAINED_LIMIT_BYTES, "heap retained after GC grew past " + (RETAINED_LIMIT_BYTES >> 20) + " MB: " + summary);
    }

    private void exercise(String uri, int version, FuzzDocuments.Case c) {
        DocumentModel model = timed("parse+diagnostics " + c.family(), () -> DocumentModel.build(uri, version, c.text()));
        List<Diagnostic> diagnostics = timed("diagnostics " + c.family(), () -> service.diagnostics(model, settings, NEVER));
        Position at = somewhere(model, version);
        timed("completion " + c.family(), () -> service.completion(model, at, settings, NEVER));
        timed("hover " + c.family(), () -> service.hover(model, at, settings, NEVER));
        timed("definition " + c.family(), () -> service.definition(model, at, NEVER));
        timed("symbols " + c.family(), () -> service.symbols(model, NEVER));
        timed("links " + c.family(), () -> service.links(model, NEVER));
        timed("inlay hints " + c.family(), () -> service.inlayHints(model, new Range(new Position(0, 0), new Position(200, 0)), settings, NEVER));
        timed("code actions " + c.family(), () -> service.codeActions(model, diagnostics, NEVER));
        timed("code lenses " + c.family(), () -> service.codeLenses(model, NEVER));
        timed("prepare rename " + c.family(), () -> service.prepareRename(model, at));
    }

    /** A position derived from the case number: start, end, past the end, or a line in the middle. */
    private static Position somewhere(DocumentModel model, int n) {
        int lines = (int) model.text().chars().filter(ch -> ch == '\n').count() + 1;
        return switch (n % 4) {
            case 0 -> new Position(0, 0);
            case 1 -> new Position(lines + 3, 7);
            case 2 -> new Position(n % lines, n % 40);
            default -> new Position(lines / 2, 2);
        };
    }

    /**
     * Times one answer. The limit applies to the answer's own work: stop-the-world collections of the harness's
     * heap (it generates 10 MB documents at full speed on shared cores) are measured and reported separately.
     */
    private <T> T timed(String what, Supplier<T> answer) {
        long gc0 = gcMillis();
        long t0 = System.nanoTime();
        T out = answer.get();
        long wall = System.nanoTime() - t0;
        long gc = (gcMillis() - gc0) * 1_000_000L;
        long took = Math.max(0, wall - gc);
        if (took > slowestNanos) {
            slowestNanos = took;
            slowestWhat = what + ", case " + current;
        }
        if (wall > slowestWallNanos) {
            slowestWallNanos = wall;
            slowestWallWhat = what + ", case " + current + ", of which GC " + gc / 1_000_000 + " ms";
        }
        return out;
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    private static String record(long n, FuzzDocuments.Case c, Throwable t) throws IOException {
        Path dir = Path.of("target/fuzz-failures");
        Files.createDirectories(dir);
        Path file = dir.resolve("case-" + SEED + "-" + n + ".yaml");
        Files.writeString(file, c.text(), StandardCharsets.UTF_8);
        return "case " + n + " (" + c.family() + ", saved to " + file + "): " + t;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long retainedHeapBytes() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Peak used heap over the run: sum of each heap pool's peak (an upper bound of the true peak). */
    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
