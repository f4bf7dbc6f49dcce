package io.raftlens.lsp.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.raftlens.config.fabric.FileKind;
import io.raftlens.config.schema.SchemaCatalog;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The language server measured from outside, as an editor sees it: a server process on stdio driven
 * by an LSP4J client. Measures process start → initialize result, didChange → publishDiagnostics
 * (median), completion and hover latency (p50/p99) on a generated 5,000-line configtx.yaml, and (for
 * RaftLens) the heap with the whole corpus open. Runs the same file through yaml-language-server with
 * RaftLens's JSON Schema for comparison.
 *
 * <pre>
 * java -cp ... io.raftlens.lsp.bench.LspClientBenchmark JAR YLS_JS CORPUS_DIR
 * </pre>
 * {@code -} for YLS_JS measures RaftLens only.
 */
public final class LspClientBenchmark {

    /** Measured edits and requests; yaml-language-server gets fewer because each of its completions takes much longer. */
    private static final int EDITS = 40;
    private static final int REQUESTS = 400;
    private static final int YLS_EDITS = 6;
    private static final int YLS_REQUESTS = 24;

    private LspClientBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path yls = args.length > 1 && !args[1].equals("-") ? Path.of(args[1]).toAbsolutePath() : null;
        Path corpus = args.length > 2 ? Path.of(args[2]) : null;
        Path work = Files.createTempDirectory("raftlens-lsp-bench");
        Path file = work.resolve("configtx.yaml");
        String text = LargeConfigtx.generate(5_000);
        int options = text.lastIndexOf("          MaxInflightBlocks: 5\n");
        text = text.substring(0, options) + "          \n" + text.substring(options);
        Files.writeString(file, text);
        Path schema = work.resolve("configtx.schema.json");
        try (InputStream in = SchemaCatalog.class.getResourceAsStream(SchemaCatalog.resourceName(FileKind.CONFIGTX))) {
            Files.write(schema, in.readAllBytes());
        }
        System.out.printf(Locale.ROOT, "file: %d lines, %d KB%n", text.split("\n").length, text.length() / 1024);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        boolean onlyYls = args.length > 3 && args[3].equals("--only-yaml-language-server");
        Result ours = onlyYls ? null : run("raftlens", List.of(java, "-jar", jar.toString(), "lsp"), file, text, options, null, corpus,
                EDITS, REQUESTS);
        if (ours != null) {
            System.out.println(ours);
        }
        if (yls != null) {
            JsonObject settings = JsonParser.parseString("{\"validate\": true, \"hover\": true, \"completion\": true,"
                    + " \"schemaStore\": {\"enable\": false}, \"schemas\": {\"" + schema.toUri() + "\": \"configtx*.yaml\"}}")
                    .getAsJsonObject();
            Result theirs = run("yaml-language-server", List.of("node", yls.toString(), "--stdio"), file, text, options,
                    settings, null, YLS_EDITS, YLS_REQUESTS);
            System.out.println(theirs);
            if (ours == null) {
                return;
            }
            System.out.printf(Locale.ROOT, "ratio (yaml-language-server / raftlens): didChange→diagnostics median %.2f, "
                            + "completion p99 %.2f, hover p99 %.2f, start→initialize %.2f%n",
                    theirs.changeMedian / ours.changeMedian, theirs.completionP99 / ours.completionP99,
                    theirs.hoverP99 / ours.hoverP99, theirs.startToInitialize / ours.startToInitialize);
        }
    }

    record Result(String name, double startToInitialize, double changeMedian, double completionP50, double completionP99,
                  double hoverP50, double hoverP99, String heap) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: start→initialize %.0f ms; didChange→publishDiagnostics median %.1f ms; "
                            + "completion p50 %.2f / p99 %.2f ms; hover p50 %.2f / p99 %.2f ms; heap with the corpus open: %s",
                    name, startToInitialize, changeMedian, completionP50, completionP99, hoverP50, hoverP99, heap);
        }
    }

    private static Result run(String name, List<String> command, Path file, String text, int optionsOffset,
                              JsonObject yamlSettings, Path corpus, int edits, int requests) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BenchClient client = new BenchClient(yamlSettings);
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, process.getInputStream(),
                process.getOutputStream());
        launcher.startListening();
        LanguageServer server = launcher.getRemoteProxy();
        InitializeParams init = new InitializeParams();
        init.setProcessId((int) ProcessHandle.current().pid());
        init.setCapabilities(new ClientCapabilities());
        init.setRootUri(file.getParent().toUri().toString());
        server.initialize(init).get(60, TimeUnit.SECONDS);
        double startToInitialize = millis(System.nanoTime() - start);
        System.err.printf(Locale.ROOT, "%s: initialized after %.0f ms%n", name, startToInitialize);
        server.initialized(new InitializedParams());
        if (yamlSettings != null) {
            JsonObject settings = new JsonObject();
            settings.add("yaml", yamlSettings);
            server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(settings));
        }
        String uri = file.toUri().toString();
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "yaml", 1, text)));
        awaitDiagnostics(client, uri);

        // didChange → publishDiagnostics: retype one character of BatchTimeout, wait for the diagnostics
        int line = lineOf(text, text.indexOf("  BatchTimeout: 2s") + "  BatchTimeout: ".length());
        List<Double> changes = new ArrayList<>();
        int version = 1;
        int warmEdits = Math.max(2, edits / 4);
        for (int i = 0; i < edits + warmEdits; i++) {
            version++;
            String digit = String.valueOf(2 + i % 2);
            client.diagnostics.clear();
            long sent = System.nanoTime();
            server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, version),
                    List.of(new TextDocumentContentChangeEvent(new Range(new Position(line, 16), new Position(line, 17)), digit))));
            long received = awaitDiagnostics(client, uri);
            if (i >= warmEdits) {
                changes.add(millis(received - sent));
            }
        }

        System.err.printf(Locale.ROOT, "%s: didChange→publishDiagnostics median %.1f ms%n", name, percentile(changes, 50));
        Position completionAt = positionOf(text, optionsOffset + 10);
        Position hoverAt = positionOf(text, text.lastIndexOf("TickInterval: 500ms") + 3);
        TextDocumentIdentifier doc = new TextDocumentIdentifier(uri);
        List<Double> completions = new ArrayList<>();
        List<Double> hovers = new ArrayList<>();
        int warm = requests / 4;
        for (int i = 0; i < requests + warm; i++) {
            long t0 = System.nanoTime();
            server.getTextDocumentService().completion(new CompletionParams(doc, completionAt)).get(30, TimeUnit.SECONDS);
            long t1 = System.nanoTime();
            server.getTextDocumentService().hover(new HoverParams(doc, hoverAt)).get(30, TimeUnit.SECONDS);
            long t2 = System.nanoTime();
            if (i >= warm) {
                completions.add(millis(t1 - t0));
                hovers.add(millis(t2 - t1));
            }
        }
        System.err.printf(Locale.ROOT, "%s: completion p99 %.2f ms, hover p99 %.2f ms%n", name, percentile(completions, 99),
                percentile(hovers, 99));
        String heap = corpus == null ? "not measured" : heapWithCorpus(server, client, process, corpus);
        server.shutdown().get(30, TimeUnit.SECONDS);
        server.exit();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Result(name, startToInitialize, percentile(changes, 50), percentile(completions, 50),
                percentile(completions, 99), percentile(hovers, 50), percentile(hovers, 99), heap);
    }

    /** Opens every corpus file, waits for its diagnostics, then asks the server JVM (jcmd) for its live heap after a GC. */
    private static String heapWithCorpus(LanguageServer server, BenchClient client, Process process, Path corpus) throws Exception {
        List<Path> files;
        try (var s = Files.list(corpus)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            // corpus names are "<source>__<path>"; open each under its own base name (configtx-3.yaml) so it is in scope
            String base = f.getFileName().toString();
            base = base.substring(base.lastIndexOf("__") + 2).replace(".yaml", "-" + i + ".yaml");
            String uri = f.resolveSibling(base).toUri().toString();
            client.diagnostics.clear();
            server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(uri, "yaml", 1, Files.readString(f))));
            awaitDiagnostics(client, uri);
        }
        String pid = String.valueOf(process.pid());
        new ProcessBuilder("jcmd", pid, "GC.run").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        Process info = new ProcessBuilder("jcmd", pid, "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(info.getInputStream().readAllBytes());
        info.waitFor(30, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(out);
        if (!m.find()) {
            return "jcmd gave no heap figure: " + out.strip();
        }
        return String.format(Locale.ROOT, "%d files open: %.1f MB used after GC (committed %.1f MB)", files.size() + 1,
                Long.parseLong(m.group(2)) / 1024.0, Long.parseLong(m.group(1)) / 1024.0);
    }

    private static long awaitDiagnostics(BenchClient client, String uri) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            BenchClient.Published p = client.diagnostics.poll(100, TimeUnit.MILLISECONDS);
            if (p != null && p.params().getUri().equals(uri)) {
                return p.nanos();
            }
        }
        throw new IllegalStateException("no diagnostics for " + uri + " within 300 s");
    }

    private static int lineOf(String text, int offset) {
        int line = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static Position positionOf(String text, int offset) {
        int line = lineOf(text, offset);
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        return new Position(line, offset - lineStart);
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
