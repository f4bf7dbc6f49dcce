package io.raftlens.config.schema;

import io.raftlens.config.fabric.FileKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The copies of /work/shared/corpus under src/test/resources/corpus, loaded as plain Java maps with merge keys applied. */
final class CorpusFiles {

    /** Files SOURCES.md marks as using keys Fabric 3 rejects. */
    static final List<String> INVALID_UNDER_V3 = List.of(
            "fabric-v2.5.0__sampleconfig__configtx.yaml",
            "fabric-operator__sample-network-multi-org__config__configtx.yaml",
            "fabric-operator__defaultconfig__orderer__configtx.yaml",
            "fabric-v2.5.0__sampleconfig__orderer.yaml",
            "fabric-operator__defaultconfig__orderer__v25__orderer.yaml",
            "fabric-operator__sample-network-multi-org__config__orderer.yaml");

    private CorpusFiles() {}

    static Path dir() {
        try {
            return Path.of(CorpusFiles.class.getResource("/corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> all() {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FileKind kind(Path file) {
        return file.getFileName().toString().endsWith("orderer.yaml") ? FileKind.ORDERER : FileKind.CONFIGTX;
    }

    /** Every document of the file; merge keys ({@code <<}) are applied the way YAML 1.1 and Fabric's decoder do. */
    static List<Object> documents(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            List<Object> docs = new ArrayList<>();
            for (Object doc : new Load(LoadSettings.builder()
                    // the sample configs alias their anchors far more than 50 times; fablo's hlf2 snapshot
                    // repeats the top-level Orderer key (the later one wins here, Fabric 3 refuses the file)
                    .setMaxAliasesForCollections(10_000).setAllowDuplicateKeys(true).build()).loadAllFromString(text)) {
                docs.add(applyMerges(doc));
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Object applyMerges(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            Object merge = map.get("<<");
            if (merge != null) {
                List<Object> sources = merge instanceof List<?> l ? (List<Object>) l : List.of(merge);
                for (Object source : sources) {
                    Object merged = applyMerges(source);
                    if (merged instanceof Map<?, ?> m) {
                        m.forEach(out::putIfAbsent);
                    }
                }
            }
            Map<Object, Object> own = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!"<<".equals(k)) {
                    own.put(k, applyMerges(v));
                }
            });
            own.forEach(out::put);
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(applyMerges(item)));
            return out;
        }
        return node;
    }

    /** Every key path of a document, list items written as "[]". */
    static List<List<String>> keyPaths(Object doc) {
        List<List<String>> paths = new ArrayList<>();
        walk(doc, new ArrayList<>(), paths);
        return paths;
    }

    private static void walk(Object node, List<String> prefix, List<List<String>> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                List<String> path = new ArrayList<>(prefix);
                path.add(String.valueOf(k));
                out.add(path);
                walk(v, path, out);
            });
        } else if (node instanceof List<?> list) {
            List<String> path = new ArrayList<>(prefix);
            path.add("[]");
            list.forEach(item -> walk(item, path, out));
        }
    }
}
