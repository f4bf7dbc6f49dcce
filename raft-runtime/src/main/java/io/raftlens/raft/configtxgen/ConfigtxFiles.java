package io.raftlens.raft.configtxgen;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.ConfigtxLoader;
import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.fabric.Modeline;
import io.raftlens.config.yaml.YamlParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finding and reading configtx.yaml as configtxgen does ({@code genesisconfig.Load}): {@code configtx.yaml} then
 * {@code configtx.yml} in {@code -configPath} when given, else in {@code $FABRIC_CFG_PATH}, then {@code .}, then
 * {@code /etc/hyperledger/fabric}.
 */
public final class ConfigtxFiles {

    private ConfigtxFiles() {
    }

    /** The search path configtxgen uses. */
    public static List<Path> searchPath(String configPath, String fabricCfgPath) {
        List<Path> dirs = new ArrayList<>();
        if (configPath != null && !configPath.isEmpty()) {
            dirs.add(Path.of(configPath));
            return dirs;
        }
        if (fabricCfgPath != null && !fabricCfgPath.isEmpty()) {
            dirs.add(Path.of(fabricCfgPath));
        }
        dirs.add(Path.of("."));
        dirs.add(Path.of("/etc/hyperledger/fabric"));
        return dirs;
    }

    /** The first configtx.yaml (or .yml) on the search path. */
    public static Optional<Path> find(List<Path> dirs) {
        for (Path d : dirs) {
            for (String name : List.of("configtx.yaml", "configtx.yml")) {
                Path f = d.resolve(name);
                if (Files.isRegularFile(f)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /** The typed model; the Fabric version is the file's modeline's, else Fabric 3 (whose keys configtxgen v3 reads). */
    public static Configtx read(Path file) throws IOException {
        String text = new String(io.raftlens.config.files.SafeFiles.read(file, io.raftlens.config.yaml.YamlLimits.DEFAULT.maxChars()), StandardCharsets.UTF_8);
        FabricVersion version = Modeline.find(text).flatMap(Modeline::fabricVersion).orElse(FabricVersion.V3);
        return ConfigtxLoader.model(file, YamlParser.parse(text), version);
    }
}
