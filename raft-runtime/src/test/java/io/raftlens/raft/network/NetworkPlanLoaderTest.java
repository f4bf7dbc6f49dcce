package io.raftlens.raft.network;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.validator.LoadedConfigtx;
import io.raftlens.raft.node.ChainOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkPlanLoaderTest {

    static final Path SAMPLE = Path.of("..", "samples", "five-orderers", "configtx.yaml");

    @TempDir
    Path dir;

    static Configtx model(Path file) throws Exception {
        return LoadedConfigtx.read(file).model().orElseThrow();
    }

    @Test
    void theSampleBecomesFiveConsentersWithFabricOptions() throws Exception {
        Configtx c = model(SAMPLE);
        OrdererYaml orderer = OrdererYaml.load(SAMPLE.resolveSibling("orderer.yaml"));
        NetworkPlan plan = NetworkPlanLoader.load(c, NetworkPlanLoader.defaultProfile(c), List.of(), orderer,
                NetworkPlanLoader.Overrides.NONE);
        assertEquals("ChannelUsingRaft", plan.profile());
        assertEquals(List.of("orderer1.example.com:7050", "orderer2.example.com:8050", "orderer3.example.com:9050",
                "orderer4.example.com:10050", "orderer5.example.com:11050"),
                plan.consenters().stream().map(ConsenterPlan::address).toList());
        ChainOptions ch = plan.channels().get("mychannel");
        assertEquals(Duration.ofMillis(500), ch.tickInterval());
        assertEquals(10, ch.electionTick());
        assertEquals(500, ch.maxMessageCount());
        assertEquals(Duration.ofSeconds(2), ch.batchTimeout());
        assertEquals(8443, plan.opsBasePort());
        assertEquals("etcdraft/wal", plan.walDir());
        assertTrue(plan.consenters().get(0).source().startsWith("configtx.yaml:"));
        // Admin: the channel participation API of node i on 9443 + i, mutual TLS with the orderer org's TLS CA
        assertEquals(9443, plan.participation().adminPort(0));
        assertEquals(9447, plan.participation().adminPort(4));
        assertTrue(plan.participation().tls());
        assertEquals(List.of(SAMPLE.resolveSibling("crypto/ordererOrganizations/example.com/tlsca/tlsca.example.com-cert.pem")
                .toAbsolutePath().normalize()), plan.participation().clientRootCAs().stream().map(p -> p.toAbsolutePath().normalize()).toList());
        assertEquals(1024 * 1024, plan.participation().maxRequestBodySize());
        assertEquals(Duration.ofSeconds(7), plan.rpcTimeout(), "Fabric's default General.Cluster.RPCTimeout");
    }

    @Test
    void clusterRpcTimeoutBoundsForwardingToTheLeader() throws Exception {
        Configtx c = model(SAMPLE);
        Path yaml = dir.resolve("orderer.yaml");
        Files.writeString(yaml, Files.readString(SAMPLE.resolveSibling("orderer.yaml"))
                .replace("    SendBufferSize: 100\n", "    SendBufferSize: 100\n    RPCTimeout: 3s\n"));
        NetworkPlan plan = NetworkPlanLoader.load(c, NetworkPlanLoader.defaultProfile(c), List.of(), OrdererYaml.load(yaml),
                NetworkPlanLoader.Overrides.NONE);
        assertEquals(Duration.ofSeconds(3), plan.rpcTimeout());
    }

    @Test
    void tickOverrideAndSecondChannel() throws Exception {
        Configtx c = model(SAMPLE);
        NetworkPlan plan = NetworkPlanLoader.load(c, "ChannelUsingRaft",
                List.of(new NetworkPlanLoader.ChannelRequest("a", null), new NetworkPlanLoader.ChannelRequest("b", "ChannelUsingRaft")),
                null, new NetworkPlanLoader.Overrides(Duration.ofMillis(100), 9000));
        assertEquals(List.of("a", "b"), List.copyOf(plan.channels().keySet()));
        assertEquals(Duration.ofMillis(100), plan.channels().get("b").tickInterval());
        assertEquals(9000, plan.opsBasePort());
    }

    @Test
    void aProfileThatIsNotEtcdraftIsRefusedWithFileAndLine() throws Exception {
        Path copy = dir.resolve("configtx.yaml");
        Files.writeString(copy, Files.readString(SAMPLE).replace("OrdererType: etcdraft", "OrdererType: BFT"));
        Configtx c = model(copy);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                NetworkPlanLoader.load(c, "ChannelUsingRaft", List.of(), null, NetworkPlanLoader.Overrides.NONE));
        assertTrue(e.getMessage().matches("configtx\\.yaml:\\d+: profile ChannelUsingRaft has OrdererType BFT, not etcdraft.*"),
                e.getMessage());
    }

    @Test
    void anUnknownProfileNamesTheChoices() throws Exception {
        Configtx c = model(SAMPLE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                NetworkPlanLoader.load(c, "Nope", List.of(), null, NetworkPlanLoader.Overrides.NONE));
        assertTrue(e.getMessage().contains("no profile Nope (profiles: ChannelUsingRaft)"), e.getMessage());
    }

    @Test
    void aDataDirOfAnotherNetworkIsRefusedAndFreshEmptiesIt() throws Exception {
        NetworkPlan a = TestNetworks.plan(dir, 3, List.of("mychannel"));
        NetworkPlan b = TestNetworks.plan(dir, 5, List.of("mychannel"));
        Path data = dir.resolve("data");
        DataDirectory.prepare(data, a, false).close();
        Files.writeString(data.resolve("leftover"), "x");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataDirectory.prepare(data, b, false));
        assertTrue(e.getMessage().contains("belongs to another network"), e.getMessage());
        DataDirectory.prepare(data, b, true).close();
        assertTrue(Files.notExists(data.resolve("leftover")));
    }
}
