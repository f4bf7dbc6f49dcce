package io.raftlens.config.model.configtx;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.model.Sourced;
import io.raftlens.config.testing.Configs;
import io.raftlens.config.validator.LoadedConfigtx;
import io.raftlens.config.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API the network launcher and the language server use. */
class ConfigtxModelTest {

    @TempDir
    Path dir;

    private Configtx model(String text) {
        return ConfigtxLoader.model(dir.resolve("configtx.yaml"), YamlParser.parse(text), FabricVersion.V3);
    }

    @Test
    void effectiveProfileWithConsentersAndOptions() {
        Configtx c = model(Configs.RAFT);
        assertEquals(List.of("ChannelUsingRaft"), c.profileNames());
        Profile p = c.profile("ChannelUsingRaft").orElseThrow();
        OrdererSection o = p.orderer().orElseThrow();
        assertTrue(o.isEtcdRaft());
        EtcdRaft raft = o.etcdRaft().orElseThrow();
        List<Consenter> consenters = raft.consenters();
        assertEquals(3, consenters.size());
        Consenter first = consenters.get(0);
        assertEquals("orderer1.example.com", first.host().orElseThrow().value());
        assertEquals(7050L, first.port().orElseThrow().value());
        assertEquals(dir.resolve("tls/o1.crt"), first.clientTlsCert().orElseThrow().value());
        assertEquals(dir.resolve("tls/o1.crt"), first.serverTlsCert().orElseThrow().value());
        assertEquals(1, first.raftId());
        assertEquals(44, first.range().start().line(), "the consenter's item in &OrdererDefaults");
        assertEquals("orderer3.example.com:7050", consenters.get(2).endpoint());

        EtcdRaftOptions opts = raft.options();
        assertEquals(Duration.ofMillis(500), opts.tickInterval().orElseThrow().value());
        assertEquals(10L, opts.electionTick().value());
        assertFalse(opts.electionTick().isDefault());
        assertTrue(opts.electionTick().origin().startsWith("inherited from &OrdererDefaults, line 36"), opts.electionTick().origin());
        assertEquals(16L * 1024 * 1024, opts.snapshotIntervalSize().value());

        assertEquals(Duration.ofSeconds(2), o.batchTimeout().value());
        assertEquals(500L, o.batchSize().maxMessageCount().value());
        assertEquals(List.of("OrdererOrg"), o.organizations().stream().map(Organization::label).toList());
        assertEquals(List.of("orderer1.example.com:7050", "orderer2.example.com:7050", "orderer3.example.com:7050"),
                o.organizations().get(0).ordererEndpoints().stream().map(Sourced::value).toList());
        assertTrue(p.capabilities().enabled("V3_0"));
        assertEquals(List.of(), c.issues());
    }

    @Test
    void fabricDefaultsForMissingAndZeroValues() {
        String text = Configs.RAFT
                .replace("    Options:\n      TickInterval: 500ms\n      ElectionTick: 10\n      HeartbeatTick: 1\n"
                        + "      MaxInflightBlocks: 5\n      SnapshotIntervalSize: 16 MB\n", "")
                .replace("  BatchTimeout: 2s\n", "")
                .replace("    MaxMessageCount: 500\n", "    MaxMessageCount: 0\n");
        OrdererSection o = model(text).profile("ChannelUsingRaft").orElseThrow().orderer().orElseThrow();
        EtcdRaftOptions opts = o.etcdRaft().orElseThrow().options();
        assertFalse(opts.present());
        assertEquals("500ms", opts.tickIntervalText().value());
        assertTrue(opts.tickIntervalText().isDefault());
        assertEquals("Fabric default", opts.heartbeatTick().origin());
        assertEquals(1L, opts.heartbeatTick().value());
        assertEquals(5L, opts.maxInflightBlocks().value());
        assertEquals(Duration.ofSeconds(2), o.batchTimeout().value());
        assertTrue(o.batchTimeout().isDefault());
        assertEquals(500L, o.batchSize().maxMessageCount().value(), "0 is unset: configtxgen's default");
        assertTrue(o.batchSize().maxMessageCount().isDefault());
    }

    @Test
    void overridesInTheProfileWin() {
        String text = Configs.RAFT.replace("      <<: *OrdererDefaults\n", "      <<: *OrdererDefaults\n      BatchTimeout: 250ms\n");
        OrdererSection o = model(text).profile("ChannelUsingRaft").orElseThrow().orderer().orElseThrow();
        assertEquals(Duration.ofMillis(250), o.batchTimeout().value());
        assertEquals("set at line 81", o.batchTimeout().origin());
        assertTrue(o.batchSize().absoluteMaxBytes().origin().startsWith("inherited from &OrdererDefaults"));
    }

    @Test
    void loaderReturnsModelAndDiagnostics() throws IOException {
        Path file = dir.resolve("configtx.yaml");
        Files.writeString(file, Configs.RAFT.replace("ElectionTick: 10", "ElectionTick: 1"));
        LoadedConfigtx loaded = LoadedConfigtx.read(file);
        assertTrue(loaded.model().isPresent());
        assertTrue(loaded.hasErrors());
        assertEquals("RAFT001", loaded.errors().get(0).code());
    }

    @Test
    void loaderGivesNoModelForBrokenYaml() throws IOException {
        Path file = dir.resolve("configtx.yaml");
        Files.writeString(file, "Profiles:\n  a: [\n");
        LoadedConfigtx loaded = LoadedConfigtx.read(file);
        assertTrue(loaded.model().isEmpty());
        assertEquals("YAML001", loaded.errors().get(0).code());
    }

    @Test
    void testNetworkCorpusFile() throws IOException {
        Path file = Path.of("src/test/resources/corpus/fabric-samples__test-network__configtx__configtx.yaml");
        Configtx c = LoadedConfigtx.read(file).model().orElseThrow();
        OrdererSection o = c.profile("ChannelUsingRaft").orElseThrow().orderer().orElseThrow();
        Consenter only = o.etcdRaft().orElseThrow().consenters().get(0);
        assertEquals("orderer.example.com", only.host().orElseThrow().value());
        assertEquals(file.toAbsolutePath().getParent().resolve(
                        "../organizations/ordererOrganizations/example.com/orderers/orderer.example.com/tls/server.crt").normalize(),
                only.serverTlsCert().orElseThrow().value());
        assertEquals(99L * 1024 * 1024, o.batchSize().absoluteMaxBytes().value());
        assertEquals(512L * 1024, o.batchSize().preferredMaxBytes().value());
        assertEquals(10L, o.batchSize().maxMessageCount().value());
        assertTrue(o.etcdRaft().orElseThrow().options().electionTick().isDefault());
        assertEquals(List.of("orderer.example.com:7050"), o.addresses().stream().map(Sourced::value).toList());
    }

    @Test
    void launchableProfilesOfTheFabricSample() throws IOException {
        Configtx c = LoadedConfigtx.read(Path.of("src/test/resources/corpus/fabric__sampleconfig__configtx.yaml")).model().orElseThrow();
        List<String> raft = c.etcdRaftProfiles().stream().map(Profile::name).toList();
        assertTrue(raft.contains("SampleAppChannelEtcdRaft"), raft.toString());
        assertTrue(!raft.contains("SampleAppChannelSmartBft"), raft.toString());
        assertTrue(raft.stream().noneMatch(n -> n.contains("Solo")), raft.toString());
    }
}
