package io.raftlens.raft.configtxgen;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.ConfigtxLoader;
import io.raftlens.config.model.configtx.Profile;
import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.yaml.YamlParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;

/** The blocks and configtx.yaml files made by Fabric's tools under {@code src/test/resources/fabric-blocks} (see SOURCES.md). */
final class FabricBlockFixtures {

    private FabricBlockFixtures() {
    }

    static Path folder(String name) {
        try {
            return Path.of(FabricBlockFixtures.class.getResource("/fabric-blocks/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Configtx configtx(Path file, FabricVersion version) throws IOException {
        return ConfigtxLoader.model(file, YamlParser.parse(Files.readString(file, StandardCharsets.UTF_8)), version);
    }

    static Profile profile(Path file, FabricVersion version, String name) throws IOException {
        return configtx(file, version).profile(name).orElseThrow();
    }

    static Block block(Path file) throws IOException {
        return Block.parseFrom(Files.readAllBytes(file));
    }

    static ConfigGroup channelGroup(Block block) throws IOException {
        Envelope env = Envelope.parseFrom(block.getData().getData(0));
        Payload payload = Payload.parseFrom(env.getPayload());
        return ConfigEnvelope.parseFrom(payload.getData()).getConfig().getChannelGroup();
    }
}
