package io.raftlens.config.model.orderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The typed orderer.yaml view the network launcher reads: Fabric's defaults, path resolution, cluster endpoint. */
class OrdererYamlTest {

    private static final Path FILE = Path.of("/etc/fabric/orderer1/orderer.yaml");

    @Test
    void readsListenersTlsClusterAndConsensusWithFabricsPathRules() {
        OrdererYaml o = OrdererYaml.parse(FILE, """
                general:
                  listenAddress: 0.0.0.0
                  ListenPort: "7050"
                  TLS:
                    Enabled: true
                    PrivateKey: tls/server.key
                    Certificate: /abs/server.crt
                    RootCAs: [tls/ca.crt, tls/ca2.crt]
                  Cluster:
                    ListenAddress: 127.0.0.1
                    ListenPort: 7051
                    ServerCertificate: cluster/server.crt
                    ServerPrivateKey: cluster/server.key
                    DialTimeout: 10s
                  Keepalive:
                    ServerInterval: 1h
                  LocalMSPID: OrdererMSP
                FileLedger:
                  Location: ledger
                Operations:
                  ListenAddress: 127.0.0.1:8443
                  TLS:
                    Enabled: true
                    Certificate: ops/server.crt
                Admin:
                  ListenAddress: 127.0.0.1:9443
                Metrics:
                  Provider: prometheus
                Consensus:
                  WALDir: data/wal
                  SnapDir: /var/snap
                  TickIntervalOverride: 250ms
                ChannelParticipation:
                  MaxRequestBodySize: 2 MB
                """);
        General g = o.general();
        assertEquals(new HostPort("0.0.0.0", 7050), g.listenEndpoint());
        assertTrue(g.tls().enabled());
        assertEquals(Optional.of(Path.of("/etc/fabric/orderer1/tls/server.key")), g.tls().privateKey());
        assertEquals(Optional.of(Path.of("/abs/server.crt")), g.tls().certificate());
        assertEquals(List.of(Path.of("/etc/fabric/orderer1/tls/ca.crt"), Path.of("/etc/fabric/orderer1/tls/ca2.crt")), g.tls().rootCAs());
        assertTrue(g.cluster().hasSeparateListener());
        assertEquals(new HostPort("127.0.0.1", 7051), g.cluster().endpoint());
        assertEquals(Optional.of(Path.of("cluster/server.crt")), g.cluster().serverCertificate(), "Fabric does not translate it");
        assertEquals(Optional.of(Path.of("/etc/fabric/orderer1/tls/server.key")), g.cluster().clientPrivateKey(), "falls back to General.TLS");
        assertEquals(Duration.ofSeconds(10), g.cluster().dialTimeout());
        assertEquals(Duration.ofSeconds(7), g.cluster().rpcTimeout());
        assertEquals(Duration.ofHours(1), g.keepalive().serverInterval());
        assertEquals(Duration.ofSeconds(60), g.keepalive().serverMinInterval());
        assertEquals("OrdererMSP", g.localMspId());
        assertEquals(Path.of("/etc/fabric/orderer1/msp"), g.localMspDir());
        assertEquals("none", g.bootstrapMethod());
        assertEquals(Path.of("/etc/fabric/orderer1/ledger"), o.fileLedger().location());
        assertEquals(Optional.of(new HostPort("127.0.0.1", 8443)), o.operations().listenAddress());
        assertEquals(Optional.of(Path.of("ops/server.crt")), o.operations().tls().certificate(), "Operations TLS is not translated");
        assertEquals(Optional.of(new HostPort("127.0.0.1", 9443)), o.admin().listenAddress());
        assertEquals("prometheus", o.metrics().provider());
        assertEquals(Optional.of(Path.of("data/wal")), o.consensus().walDir(), "relative to the orderer's working directory");
        assertEquals(Optional.of(Path.of("/var/snap")), o.consensus().snapDir());
        assertEquals(Optional.of(Duration.ofMillis(250)), o.consensus().tickIntervalOverride());
        assertEquals(Duration.ofMinutes(10), o.consensus().evictionSuspicion());
        assertEquals(2L * 1024 * 1024, o.channelParticipation().maxRequestBodySize());
    }

    @Test
    void emptyFileGivesFabricsDefaults() {
        OrdererYaml o = OrdererYaml.parse(FILE, "");
        assertTrue(o.root().isEmpty());
        assertEquals(new HostPort("127.0.0.1", 7050), o.general().listenEndpoint());
        assertFalse(o.general().tls().enabled());
        assertFalse(o.general().cluster().hasSeparateListener());
        assertEquals(new HostPort("127.0.0.1", 7050), o.general().cluster().endpoint(), "cluster reuses the general listener");
        assertEquals(OptionalInt.empty(), o.general().cluster().listenPort());
        assertEquals(Optional.empty(), o.operations().listenAddress());
        assertEquals("disabled", o.metrics().provider());
        assertEquals(Optional.empty(), o.consensus().walDir());
        assertEquals(Optional.empty(), o.consensus().tickIntervalOverride());
        assertEquals(FileLedger.DEFAULT_LOCATION, o.fileLedger().location());
        assertEquals(1024L * 1024, o.channelParticipation().maxRequestBodySize());
        assertEquals("SW", o.general().bccsp().defaultProvider());
    }

    @Test
    void bccspMetricsAndMessageSizes() {
        OrdererYaml o = OrdererYaml.parse(FILE, """
                General:
                  MaxRecvMsgSize: 1048576
                  BootstrapFile: genesis.block
                  BCCSP:
                    Default: PKCS11
                    SW:
                      Hash: SHA3
                      Security: 384
                      FileKeyStore:
                        KeyStore: keys
                Metrics:
                  Provider: statsd
                  Statsd:
                    Network: tcp
                    Address: 10.0.0.5:8125
                    WriteInterval: 10s
                    Prefix: orderer1
                """);
        assertEquals(1048576, o.general().maxRecvMsgSize());
        assertEquals(104857600, o.general().maxSendMsgSize());
        assertEquals(Optional.of(Path.of("/etc/fabric/orderer1/genesis.block")), o.general().bootstrapFile());
        Bccsp bccsp = o.general().bccsp();
        assertEquals("PKCS11", bccsp.defaultProvider());
        assertEquals("SHA3", bccsp.swHash());
        assertEquals(384, bccsp.swSecurity());
        assertEquals(Optional.of(Path.of("/etc/fabric/orderer1/keys")), bccsp.keyStore());
        Metrics m = o.metrics();
        assertEquals("tcp", m.statsdNetwork());
        assertEquals(Optional.of("10.0.0.5:8125"), m.statsdAddress());
        assertEquals(Duration.ofSeconds(10), m.statsdWriteInterval());
        assertEquals("orderer1", m.statsdPrefix());
        assertEquals(Optional.empty(), o.general().profileEndpoint());
        assertEquals(Optional.of(new HostPort("0.0.0.0", 6060)),
                OrdererYaml.parse(FILE, "General:\n  Profile:\n    Enabled: true\n").general().profileEndpoint());
    }

    @Test
    void genesisMethodIsTheOldNameOfBootstrapMethod() {
        assertEquals("file", OrdererYaml.parse(FILE, "General:\n  GenesisMethod: file\n").general().bootstrapMethod());
        assertEquals("none", OrdererYaml.parse(FILE, "General:\n  GenesisMethod: file\n  BootstrapMethod: none\n").general().bootstrapMethod());
    }

    @Test
    void hostPortParsesGoListenAddresses() {
        assertEquals(Optional.of(new HostPort("::1", 9443)), HostPort.parse("[::1]:9443"));
        assertEquals(Optional.of(new HostPort("", 8443)), HostPort.parse(":8443"));
        assertEquals(Optional.empty(), HostPort.parse("127.0.0.1"));
        assertEquals(Optional.empty(), HostPort.parse("127.0.0.1:70000"));
        assertTrue(new HostPort("", 8443).collidesWith(new HostPort("10.0.0.1", 8443)));
        assertFalse(new HostPort("10.0.0.2", 8443).collidesWith(new HostPort("10.0.0.1", 8443)));
        assertFalse(new HostPort("127.0.0.1", 0).collidesWith(new HostPort("127.0.0.1", 0)));
    }

    @Test
    void sampleConfigReadsAsTheOrdererWould() throws Exception {
        Path sample = Path.of(getClass().getResource("/corpus/fabric__sampleconfig__orderer.yaml").toURI());
        OrdererYaml o = OrdererYaml.load(sample);
        assertEquals(new HostPort("127.0.0.1", 7050), o.general().listenEndpoint());
        assertEquals(Optional.of(Path.of("/var/hyperledger/production/orderer/etcdraft/wal")), o.consensus().walDir());
        assertEquals(Optional.of(new HostPort("127.0.0.1", 8443)), o.operations().listenAddress());
        assertEquals(sample.getParent().resolve("tls/server.crt"), o.general().tls().certificate().orElseThrow());
        assertTrue(o.admin().tls().clientAuthRequired());
    }
}
