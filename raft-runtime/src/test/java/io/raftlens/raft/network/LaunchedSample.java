package io.raftlens.raft.network;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validator.LoadedConfigtx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A copy of {@code samples/three-orderers} (configtx.yaml and its cryptogen material) launched on free loopback
 * ports with a 200 ms batch timeout, with the paths a Fabric client needs: the orderers' TLS CA, the organization's User1, Admin and peer0, the
 * orderer organization's CA and signing certificates. Closing stops every node.
 */
final class LaunchedSample implements AutoCloseable {
    static final String CHANNEL = "mychannel";

    private final Path sample;
    private final NetworkPlan plan;
    private final DataDirectory data;
    private final LocalNetwork net;

    private LaunchedSample(Path sample, NetworkPlan plan, DataDirectory data, LocalNetwork net) {
        this.sample = sample;
        this.plan = plan;
        this.data = data;
        this.net = net;
    }

    /** Copies the sample under {@code dir}, moves its consenters to free ports, launches and waits for a leader. */
    static LaunchedSample start(Path dir) throws Exception {
        Path sample = dir.resolve("three-orderers");
        TestNetworks.copyTree(Path.of("..", "samples", "three-orderers"), sample);
        int[] ports = TestNetworks.freePorts(3);
        Path configtx = sample.resolve("configtx.yaml");
        // a broadcast is answered once its block is cut: 200 ms instead of the sample's 2 s keeps the clients quick
        Files.writeString(configtx, Files.readString(configtx).replace("Port: 7050", "Port: " + ports[0])
                .replace("Port: 8050", "Port: " + ports[1]).replace("Port: 9050", "Port: " + ports[2])
                .replace("BatchTimeout: 2s", "BatchTimeout: 200ms"));
        Configtx c = LoadedConfigtx.read(configtx).model().orElseThrow();
        NetworkPlan plan = NetworkPlanLoader.load(c, NetworkPlanLoader.defaultProfile(c), List.of(), null,
                new NetworkPlanLoader.Overrides(Duration.ofMillis(100), 0));
        DataDirectory data = DataDirectory.prepare(dir.resolve("data"), plan, false);
        LocalNetwork net = LocalNetwork.start(plan, data);
        try {
            TestNetworks.await("a leader", Duration.ofSeconds(30), () -> net.leader(CHANNEL) != 0);
        } catch (Throwable t) {
            net.close();
            throw t;
        }
        return new LaunchedSample(sample, plan, data, net);
    }

    LocalNetwork network() {
        return net;
    }

    NetworkPlan plan() {
        return plan;
    }

    DataDirectory data() {
        return data;
    }

    /** A consenter that is not the channel's leader right now (its broadcasts are forwarded to the leader). */
    long follower() {
        long leader = net.leader(CHANNEL);
        return plan.consenters().stream().mapToLong(c -> c.id().value()).filter(id -> id != leader).findFirst().orElseThrow();
    }

    /** The orderer's AtomicBroadcast address as an SDK writes it. */
    String clientUrl(long node) {
        return "grpcs://127.0.0.1:" + net.clientPort(node);
    }

    String host(long node) {
        return plan.consenter(node).host();
    }

    private Path ordererOrg() {
        return sample.resolve("crypto/ordererOrganizations/example.com");
    }

    Path tlsCa() {
        return ordererOrg().resolve("tlsca/tlsca.example.com-cert.pem");
    }

    Path ordererCa() {
        return ordererOrg().resolve("msp/cacerts/ca.example.com-cert.pem");
    }

    /** The signing certificates the consenters sign their blocks with. */
    List<Path> ordererSignCerts() {
        return plan.consenters().stream().map(c -> ordererOrg().resolve("orderers/" + c.host() + "/msp/signcerts/"
                + c.host() + "-cert.pem")).toList();
    }

    /** The orderer organization's Admin@example.com (OrdererMSP admin: signs config updates of /Channel/Orderer). */
    Path ordererAdminMsp() {
        return ordererOrg().resolve("users/Admin@example.com/msp");
    }

    /** {@code users/<name>@org1.example.com/msp} or {@code peers/<name>.org1.example.com/msp} of the sample's Org1MSP. */
    Path org1Msp(String kind, String name) {
        String id = kind.equals("users") ? name + "@org1.example.com" : name + ".org1.example.com";
        return sample.resolve("crypto/peerOrganizations/org1.example.com/" + kind + "/" + id + "/msp");
    }

    static Path signCert(Path msp) throws IOException {
        try (var certs = Files.list(msp.resolve("signcerts"))) {
            return certs.findFirst().orElseThrow();
        }
    }

    static Path key(Path msp) {
        return msp.resolve("keystore/priv_sk");
    }

    @Override
    public void close() {
        net.close();
    }
}
