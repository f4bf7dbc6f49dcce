package io.raftlens.config.validate.orderer;

import static io.raftlens.config.validate.orderer.OrdererCheck.VALID;
import static io.raftlens.config.validate.orderer.OrdererCheck.assertClean;
import static io.raftlens.config.validate.orderer.OrdererCheck.findings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.config.fabric.FabricVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each orderer.yaml rule: a minimal failing file with exact range, code and message, and its passing twin. */
class OrdererRulesTest {

    private static final String TLS_ON = "General:\n  TLS:\n    Enabled: true\n    Certificate: s.crt\n    PrivateKey: s.key\n";

    @Test
    void theValidFileHasNoFindingsButItsNotYetGeneratedTlsFiles() {
        assertEquals(List.of(), OrdererCheck.validate(VALID).stream().filter(d -> !d.code().equals("FILE003"))
                .map(OrdererCheck::format).toList());
        List<String> missing = OrdererCheck.validate(VALID).stream().filter(d -> d.code().equals("FILE003"))
                .map(d -> d.message()).toList();
        assertEquals(1, missing.size(), "the General.TLS certificate, key and CA are not on this machine: one finding");
        assertTrue(missing.get(0).contains("3 paths point into it (General.TLS.PrivateKey, General.TLS.Certificate, "
                + "General.TLS.RootCAs), the first here"), missing.get(0));
    }

    @Test
    void ord001UnknownKeysOnTheKeyWithSuggestion() {
        assertEquals(List.of(
                "ORD001 error 3:5-3:14: unknown key 'ListenPrt' in General.Cluster (did you mean ListenPort?); "
                        + "the orderer fails at start: 'General.Cluster' has invalid keys: ListenPrt",
                "ORD001 error 4:1-4:7: unknown key 'Kafkaa' at the top level; the orderer fails at start: '' has invalid keys: Kafkaa"),
                findings("ORD001", "General:\n  Cluster:\n    ListenPrt: 7051\nKafkaa: {}\n"));
    }

    @Test
    void ord001KeysMatchCaseInsensitivelyAndConsensusIsOpaque() {
        assertClean("ORD001", "general:\n  cluster:\n    listenport: 7051\n  BCCSP:\n    PKCS11:\n      KeyIDs: []\n"
                + "Consensus:\n  AnyPluginKey: 1\n");
    }

    @Test
    void ord002KafkaIsRemovedInFabric3() {
        String yaml = "General:\n  ListenPort: 7050\nKafka:\n  Verbose: false\n";
        assertEquals(List.of("ORD002 error 3:1-3:6: Kafka was removed in Fabric 3.0: the orderer fails at start with "
                + "\"'' has invalid keys: Kafka\"; delete it"), findings("ORD002", yaml));
        assertEquals(List.of(), findings("ORD002", yaml, FabricVersion.V2_5));
        assertEquals(List.of(), findings("ORD001", yaml), "reported once, as removed");
    }

    @Test
    void ord002RemovedClusterKey() {
        assertEquals(List.of("ORD002 error 3:5-3:41: General.Cluster.ReplicationBackgroundRefreshInterval was removed in Fabric 3.0: "
                + "the orderer fails at start with \"'General.Cluster' has invalid keys: ReplicationBackgroundRefreshInterval\"; delete it"),
                findings("ORD002", "General:\n  Cluster:\n    ReplicationBackgroundRefreshInterval: 5m\n"));
        assertClean("ORD002", "General:\n  Cluster:\n    ReplicationPolicy: consensus\n");
    }

    @Test
    void ord002Fabric3KeysUnderFabric25() {
        String yaml = "General:\n  Throttling:\n    Rate: 100\n  Cluster:\n    ReplicationPolicy: simple\n";
        assertEquals(List.of(
                "ORD002 error 2:3-2:13: General.Throttling exists only from Fabric 3.0: a Fabric 2.5 orderer fails at start "
                        + "with \"'General' has invalid keys: Throttling\"",
                "ORD002 error 5:5-5:22: General.Cluster.ReplicationPolicy exists only from Fabric 3.0: a Fabric 2.5 orderer "
                        + "fails at start with \"'General.Cluster' has invalid keys: ReplicationPolicy\""),
                findings("ORD002", yaml, FabricVersion.V2_5));
        assertClean("ORD002", yaml);
    }

    @Test
    void ord003DeprecatedKeys() {
        String yaml = "General:\n  GenesisMethod: none\n  GenesisFile: genesisblock\n  BootstrapFile: x.block\n"
                + "FileLedger:\n  Prefix: hyperledger-fabric-ordererledger\nChannelParticipation:\n  Enabled: false\n";
        assertEquals(List.of(
                "ORD003 warning 2:3-2:16: GenesisMethod is deprecated: use BootstrapMethod.",
                "ORD003 warning 3:3-3:14: GenesisFile is deprecated: use BootstrapFile (only meaningful with BootstrapMethod \"file\", forbidden in Fabric 3).",
                "ORD003 warning 4:3-4:16: BootstrapFile is only used with BootstrapMethod \"file\", which Fabric 3 forbids.",
                "ORD003 warning 6:3-6:9: FileLedger.Prefix is ignored.",
                "ORD003 warning 8:12-8:17: ChannelParticipation.Enabled is deprecated and always on: the orderer logs "
                        + "'General.ChannelParticipation.Enabled was set to false, setting to true'"),
                findings("ORD003", yaml));
        assertEquals(3, findings("ORD003", yaml, FabricVersion.V2_5).size(), "BootstrapFile and Enabled: false are fine in 2.5");
        assertClean("ORD003", "General:\n  BootstrapMethod: none\n  BootstrapFile:\nChannelParticipation:\n  Enabled: true\n");
    }

    @Test
    void ord004BootstrapMethodFileIsForbiddenInFabric3() {
        assertEquals(List.of("ORD004 error 2:20-2:24: General.BootstrapMethod: file: the Fabric 3 orderer panics at start with "
                + "\"Bootstrap method: 'file' is forbidden, since system channel is no longer supported\"; use 'none' and join "
                + "channels with osnadmin channel join"), findings("ORD004", "General:\n  BootstrapMethod: file\n"));
        assertEquals(List.of(), findings("ORD004", "General:\n  BootstrapMethod: file\n", FabricVersion.V2_5));
        assertClean("ORD004", "General:\n  BootstrapMethod: none\n");
    }

    @Test
    void ord004UnknownMethodIsCaseSensitiveAndGenesisMethodCounts() {
        assertEquals(List.of("ORD004 error 2:20-2:24: General.BootstrapMethod: the orderer panics at start with "
                + "\"Unknown bootstrap method: None\"; use 'none'"), findings("ORD004", "General:\n  BootstrapMethod: None\n"));
        assertEquals(List.of("ORD004 error 2:18-2:22: General.GenesisMethod: file: the Fabric 3 orderer panics at start with "
                + "\"Bootstrap method: 'file' is forbidden, since system channel is no longer supported\"; use 'none' and join "
                + "channels with osnadmin channel join"), findings("ORD004", "General:\n  GenesisMethod: file\n"));
        assertClean("ORD004", "General:\n  GenesisMethod: file\n  BootstrapMethod: none\n");
    }

    @Test
    void ord005ClusterListenerKeysTogether() {
        String partial = TLS_ON + "  Cluster:\n    ListenAddress: 0.0.0.0\n    ListenPort: 7051\n";
        assertEquals(List.of("ORD005 error 6:3-6:10: General.Cluster sets ListenAddress, ListenPort but not ServerCertificate, "
                + "ServerPrivateKey: the orderer panics at start with \"Options: General.Cluster.ListenPort, "
                + "General.Cluster.ListenAddress, General.Cluster.ServerCertificate, General.Cluster.ServerPrivateKey, "
                + "should be defined altogether.\""), findings("ORD005", partial));
        assertClean("ORD005", partial + "    ServerCertificate: c.crt\n    ServerPrivateKey: c.key\n");
        assertClean("ORD005", TLS_ON + "  Cluster:\n    ListenPort: 0\n    ListenAddress:\n");
    }

    @Test
    void ord006ClusterNeedsTlsWithoutSeparateListener() {
        assertEquals(List.of("ORD006 warning 4:14-4:19: General.TLS is not enabled and General.Cluster has no separate listener: "
                + "the orderer panics at start with \"TLS is required for running ordering nodes of cluster type.\" unless TLS "
                + "is turned on (General.TLS.Enabled: true, or ORDERER_GENERAL_TLS_ENABLED=true)"),
                findings("ORD006", "General:\n  ListenPort: 7050\n  TLS:\n    Enabled: false\n"));
        assertClean("ORD006", TLS_ON);
        assertEquals(List.of(), findings("ORD006", "General:\n  BootstrapMethod: file\n  TLS:\n    Enabled: false\n", FabricVersion.V2_5),
                "a 2.5 system-channel node may be solo or Kafka");
        assertEquals(1, findings("ORD006", "General:\n  BootstrapMethod: none\n  TLS:\n    Enabled: false\n", FabricVersion.V2_5).size());
        assertClean("ORD006", "General:\n  TLS:\n    Enabled: false\n  Cluster:\n    ListenAddress: 0.0.0.0\n    ListenPort: 7051\n"
                + "    ServerCertificate: c.crt\n    ServerPrivateKey: c.key\n");
    }

    @Test
    void ord007AdminTlsNeedsClientAuth() {
        String admin = "Admin:\n  ListenAddress: 127.0.0.1:9443\n  TLS:\n    Enabled: true\n    Certificate: a.crt\n    PrivateKey: a.key\n";
        assertEquals(List.of("ORD007 error 7:25-7:30: Admin.TLS.ClientAuthRequired is not true while Admin.TLS.Enabled is true: "
                + "the orderer panics at start with \"Admin.TLS.ClientAuthRequired must be set to true if Admin.TLS.Enabled is set to true\""),
                findings("ORD007", admin + "    ClientAuthRequired: false\n"));
        assertEquals(List.of("ORD007 error 4:14-4:18: Admin.TLS.ClientAuthRequired is not set while Admin.TLS.Enabled is true: "
                + "the orderer panics at start with \"Admin.TLS.ClientAuthRequired must be set to true if Admin.TLS.Enabled is set to true\""),
                findings("ORD007", admin));
        assertClean("ORD007", admin + "    ClientAuthRequired: true\n");
        assertClean("ORD007", "Admin:\n  TLS:\n    Enabled: false\n    ClientAuthRequired: false\n");
    }

    @Test
    void ord008PortsAndAddresses() {
        assertEquals(List.of(
                "ORD008 error 2:15-2:20: General.ListenPort 70000 is not a port (0-65535): Fabric silently truncates it to 4464",
                "ORD008 error 4:18-4:27: Operations.ListenAddress '127.0.0.1' is not host:port with a port 0-65535: the server "
                        + "fails at start (\"listen tcp: address 127.0.0.1: missing port in address\")",
                "ORD008 error 6:18-6:33: Admin.ListenAddress '127.0.0.1:99999' is not host:port with a port 0-65535: the server "
                        + "fails at start (\"listen tcp: address 127.0.0.1:99999: invalid port\")"),
                findings("ORD008", "General:\n  ListenPort: 70000\nOperations:\n  ListenAddress: 127.0.0.1\nAdmin:\n  ListenAddress: 127.0.0.1:99999\n"));
        assertClean("ORD008", "General:\n  ListenPort: 7050\nOperations:\n  ListenAddress: '[::1]:8443'\nAdmin:\n  ListenAddress: ${ADMIN_ADDR}\n");
    }

    @Test
    void ord009SamePortTwice() {
        assertEquals(List.of("ORD009 error 5:18-5:32: Operations.ListenAddress 127.0.0.1:7050 uses port 7050, already used by "
                + "General.ListenPort 0.0.0.0:7050 (line 3): the orderer fails at start with \"bind: address already in use\""),
                findings("ORD009", "General:\n  ListenAddress: 0.0.0.0\n  ListenPort: 7050\nOperations:\n  ListenAddress: 127.0.0.1:7050\n"));
        assertEquals(List.of("ORD009 error 4:18-4:32: Admin.ListenAddress localhost:8443 uses port 8443, already used by "
                + "Operations.ListenAddress 127.0.0.1:8443 (line 2): the orderer fails at start with \"bind: address already in use\""),
                findings("ORD009", "Operations:\n  ListenAddress: 127.0.0.1:8443\nAdmin:\n  ListenAddress: localhost:8443\n"));
        assertEquals(List.of("ORD009 error 2:18-2:32: Operations.ListenAddress 127.0.0.1:7050 uses port 7050, already used by "
                + "General.ListenPort 127.0.0.1:7050 (its default): the orderer fails at start with \"bind: address already in use\""),
                findings("ORD009", "Operations:\n  ListenAddress: 127.0.0.1:7050\n"));
        assertClean("ORD009", "General:\n  ListenAddress: 10.0.0.1\n  ListenPort: 7050\nOperations:\n  ListenAddress: 127.0.0.1:7050\n"
                + "Admin:\n  ListenAddress: 127.0.0.1:0\n");
    }

    @Test
    void ord010MetricsProvider() {
        assertEquals(List.of("ORD010 warning 2:13-2:23: the orderer logs \"Unknown provider type: Prometheus; metrics disabled\" "
                + "and exports no metrics (values are case-sensitive: write prometheus)"), findings("ORD010", "Metrics:\n  Provider: Prometheus\n"));
        assertEquals(List.of("ORD010 warning 2:13-2:19: the orderer logs \"Unknown provider type: influx; metrics disabled\" "
                + "and exports no metrics (use prometheus, statsd or disabled)"), findings("ORD010", "Metrics:\n  Provider: influx\n"));
        assertClean("ORD010", "Metrics:\n  Provider: statsd\n");
    }

    @Test
    void ord011TlsEnabledWithoutFiles() {
        assertEquals(List.of(
                "ORD011 error 3:14-3:18: General.TLS.Enabled is true but General.TLS.PrivateKey is not set: the orderer cannot start this TLS server",
                "ORD011 error 7:14-7:18: Operations.TLS.Enabled is true but Operations.TLS.Certificate and Operations.TLS.PrivateKey "
                        + "are not set: the orderer cannot start this TLS server"),
                findings("ORD011", "General:\n  TLS:\n    Enabled: true\n    Certificate: tls/server.crt\nOperations:\n  TLS:\n    Enabled: true\n"));
        assertClean("ORD011", TLS_ON + "Operations:\n  TLS:\n    Enabled: false\n");
    }

    @Test
    void ord012ValuesOfTheWrongType() {
        String yaml = "General:\n  Keepalive:\n    ServerInterval: 2 hours\n    ServerTimeout: 20\n  MaxRecvMsgSize: 100 MB\n"
                + "  ListenPort: seventy\n  TLS:\n    Enabled: yes\n  Profile: on\nConsensus:\n  TickIntervalOverride: 500\n"
                + "  EvictionSuspicion: 10 min\nChannelParticipation:\n  MaxRequestBodySize: 1 MiB\n";
        assertEquals(List.of(
                "ORD012 error 3:21-3:28: General.Keepalive.ServerInterval '2 hours' is not a Go duration such as 500ms, 5s or 1m30s: "
                        + "the orderer fails at start (\"error decoding 'General.Keepalive.ServerInterval': time: unknown unit \" hours\" in duration \"2 hours\"\")",
                "ORD012 warning 4:20-4:22: General.Keepalive.ServerTimeout: 20 without a unit is 20 nanoseconds; write a unit (for example 20s)",
                "ORD012 error 5:19-5:25: General.MaxRecvMsgSize '100 MB' takes a plain number of bytes (int32): size units are accepted "
                        + "only by uint32 fields; write 104857600",
                "ORD012 error 6:15-6:22: General.ListenPort 'seventy' is not a number: the orderer fails at start (\"cannot parse "
                        + "'General.ListenPort' as uint\")",
                "ORD012 error 8:14-8:17: General.TLS.Enabled must be true or false: the orderer fails at start (\"cannot parse "
                        + "'General.TLS.Enabled' as bool: strconv.ParseBool: parsing \\\"yes\\\": invalid syntax\")",
                "ORD012 error 9:12-9:14: General.Profile is a section, not a value: the orderer fails at start (\"'General.Profile' "
                        + "expected a map, got 'string'\")",
                "ORD012 error 11:25-11:28: Consensus.TickIntervalOverride '500' is not a Go duration such as 500ms, 5s or 1m30s: "
                        + "the orderer fails when it reads it (\"failed parsing Consensus.TickIntervalOverride\")",
                "ORD012 error 12:22-12:28: Consensus.EvictionSuspicion '10 min' is not a Go duration such as 500ms, 5s or 1m30s: "
                        + "the orderer fails when it reads it (\"Failed parsing Consensus.EvictionSuspicion: 10 min: time: unknown unit \" min\" in duration \"10 min\"\")",
                "ORD012 error 14:23-14:28: ChannelParticipation.MaxRequestBodySize '1 MiB' is not a byte count or a size such as 1 MB "
                        + "(units KB, MB, GB are powers of 1024; KiB/MiB are not accepted)"),
                findings("ORD012", yaml));
        assertClean("ORD012", VALID + "  EvictionSuspicion: 10m\n");
        assertClean("ORD012", "General:\n  ListenPort: \"0x1B5A\"\n  TLS:\n    Enabled: 'true'\n  MaxRecvMsgSize: 104857600\n"
                + "  Backoff:\n    Multiplier: 1.6\n  Keepalive:\n    ServerTimeout: 0\n");
    }
}
