package io.raftlens.lsp.bench;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.LspSettings;
import io.raftlens.lsp.service.FabricLanguageService;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Position;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Completion and hover on a generated 5,000-line configtx.yaml, in process (the language service as the
 * server calls it, with the document model cached as for an open document). Targets: p99 ≤ 20 ms
 * (completion), ≤ 10 ms (hover).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx512m")
public class FeatureBenchmark {

    private final FabricLanguageService service = new FabricLanguageService();
    private DocumentModel model;
    private Position completionAt;
    private Position hoverAt;

    @Setup
    public void setUp() {
        String text = LargeConfigtx.generate(5_000);
        // an empty key line inside the last profile's EtcdRaft Options, where completion is asked
        int options = text.lastIndexOf("          MaxInflightBlocks: 5\n");
        text = text.substring(0, options) + "          \n" + text.substring(options);
        model = DocumentModel.build("file:///bench/configtx.yaml", 1, text);
        completionAt = DocumentModel.lsp(model.index().atOffset(options + 10));
        hoverAt = DocumentModel.lsp(model.index().atOffset(text.lastIndexOf("TickInterval: 500ms") + 3));
    }

    @Benchmark
    public CompletionList completion() {
        return service.completion(model, completionAt, LspSettings.defaults(), () -> { });
    }

    @Benchmark
    public Hover hover() {
        return service.hover(model, hoverAt, LspSettings.defaults(), () -> { }).orElseThrow();
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(FeatureBenchmark.class.getSimpleName()).build()).run();
    }
}
