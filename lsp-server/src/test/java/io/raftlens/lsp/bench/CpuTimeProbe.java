package io.raftlens.lsp.bench;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.LspSettings;
import io.raftlens.lsp.service.FabricLanguageService;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.eclipse.lsp4j.Position;

/**
 * Thread CPU time (not wall time) of completion and hover on the 5,000-line file: separates the work the
 * server does from the time a loaded machine makes it wait for a core.
 */
public final class CpuTimeProbe {

    private static final int WARMUP = 1_000;
    private static final int SAMPLES = 3_000;

    private CpuTimeProbe() {
    }

    public static void main(String[] args) {
        String text = LargeConfigtx.generate(5_000);
        int options = text.lastIndexOf("          MaxInflightBlocks: 5\n");
        text = text.substring(0, options) + "          \n" + text.substring(options);
        DocumentModel model = DocumentModel.build("file:///bench/configtx.yaml", 1, text);
        Position completionAt = DocumentModel.lsp(model.index().atOffset(options + 10));
        Position hoverAt = DocumentModel.lsp(model.index().atOffset(text.lastIndexOf("TickInterval: 500ms") + 3));
        FabricLanguageService service = new FabricLanguageService();
        report("completion", () -> service.completion(model, completionAt, LspSettings.defaults(), () -> { }));
        report("hover", () -> service.hover(model, hoverAt, LspSettings.defaults(), () -> { }));
        // what runs after the debounce on each change: a fresh model (as after an edit) and every rule
        String changed = text;
        report("validation (after the debounce)", () -> service.diagnostics(
                DocumentModel.build("file:///bench/configtx.yaml", 2, changed), LspSettings.defaults(), () -> { }), 50, 200);
    }

    private static void report(String name, Supplier<?> call) {
        report(name, call, WARMUP, SAMPLES);
    }

    private static void report(String name, Supplier<?> call, int warmup, int samples) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] cpu = new long[samples];
        for (int i = 0; i < warmup + samples; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            call.get();
            long c1 = mx.getCurrentThreadCpuTime();
            if (i >= warmup) {
                cpu[i - warmup] = c1 - c0;
            }
        }
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%s thread CPU: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms%n", name,
                cpu[samples / 2] / 1e6, cpu[samples * 9 / 10] / 1e6, cpu[samples * 99 / 100] / 1e6);
    }
}
