package io.raftlens.config.model.orderer;

import io.raftlens.config.fabric.SourceFile;
import io.raftlens.config.yaml.ParsedYaml;
import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A typed, read-only view of one orderer node's {@code orderer.yaml}, with Fabric's defaults filled in
 * and relative paths resolved the way the orderer resolves them. Every section keeps its YAML mapping,
 * so callers can point at the line a value comes from. Environment overrides
 * ({@code ORDERER_GENERAL_LISTENPORT} …) are not applied.
 */
public final class OrdererYaml extends Section {

    private final ParsedYaml yaml;

    private OrdererYaml(ParsedYaml yaml, Path folder) {
        super(yaml.root(), "", folder);
        this.yaml = yaml;
    }

    /** The view of a file being validated (the model factory of validate.orderer rules). */
    public static OrdererYaml fromSource(SourceFile source) {
        return new OrdererYaml(source.yaml(), source.folder());
    }

    /** Parses {@code text} as the orderer.yaml at {@code file} (relative paths resolve against its folder). */
    public static OrdererYaml parse(Path file, String text) {
        Path abs = file.toAbsolutePath();
        return new OrdererYaml(YamlParser.parse(text), abs.getParent() == null ? abs : abs.getParent());
    }

    /** Reads and parses an orderer.yaml. Syntax problems are in {@link #yaml()}; validate with ConfigValidator for messages. */
    public static OrdererYaml load(Path file) throws IOException {
        return parse(file, new String(io.raftlens.config.files.SafeFiles.read(file, io.raftlens.config.yaml.YamlLimits.DEFAULT.maxChars()),
                StandardCharsets.UTF_8));
    }

    public ParsedYaml yaml() {
        return yaml;
    }

    /** The top-level mapping, empty for an empty or non-mapping file. */
    public Optional<YamlMapping> root() {
        return mapping();
    }

    public General general() {
        return new General(this);
    }

    public FileLedger fileLedger() {
        return new FileLedger(this);
    }

    /** The operations server: /metrics, /healthz, /logspec, /version. */
    public Endpoint operations() {
        return new Endpoint(this, "Operations");
    }

    /** The admin server: the channel participation API. */
    public Endpoint admin() {
        return new Endpoint(this, "Admin");
    }

    public Metrics metrics() {
        return new Metrics(this);
    }

    public ChannelParticipation channelParticipation() {
        return new ChannelParticipation(this);
    }

    public Consensus consensus() {
        return new Consensus(this);
    }
}
