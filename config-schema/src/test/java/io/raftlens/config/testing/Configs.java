package io.raftlens.config.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Minimal, complete configtx.yaml files that validate without errors, for rule tests to break one thing at a time. */
public final class Configs {

    private Configs() {
    }

    public static final String CONSENTERS = """
                Consenters:
                  - Host: orderer1.example.com
                    Port: 7050
                    ClientTLSCert: tls/o1.crt
                    ServerTLSCert: tls/o1.crt
                  - Host: orderer2.example.com
                    Port: 7050
                    ClientTLSCert: tls/o2.crt
                    ServerTLSCert: tls/o2.crt
                  - Host: orderer3.example.com
                    Port: 7050
                    ClientTLSCert: tls/o3.crt
                    ServerTLSCert: tls/o3.crt
            """;

    public static final String ETCDRAFT = """
              EtcdRaft:
            """ + CONSENTERS + """
                Options:
                  TickInterval: 500ms
                  ElectionTick: 10
                  HeartbeatTick: 1
                  MaxInflightBlocks: 5
                  SnapshotIntervalSize: 16 MB
            """;

    /** A Fabric 3 etcdraft network: one orderer org with three consenters, one application org. */
    public static final String RAFT = """
            Organizations:
              - &OrdererOrg
                Name: OrdererOrg
                ID: OrdererMSP
                MSPDir: msp
                Policies:
                  Readers: {Type: Signature, Rule: "OR('OrdererMSP.member')"}
                  Writers: {Type: Signature, Rule: "OR('OrdererMSP.member')"}
                  Admins: {Type: Signature, Rule: "OR('OrdererMSP.admin')"}
                OrdererEndpoints:
                  - orderer1.example.com:7050
                  - orderer2.example.com:7050
                  - orderer3.example.com:7050
              - &Org1
                Name: Org1MSP
                ID: Org1MSP
                MSPDir: msp
                Policies:
                  Readers: {Type: Signature, Rule: "OR('Org1MSP.member')"}
                  Writers: {Type: Signature, Rule: "OR('Org1MSP.member')"}
                  Admins: {Type: Signature, Rule: "OR('Org1MSP.admin')"}
            Capabilities:
              Channel: &ChannelCapabilities
                V3_0: true
              Orderer: &OrdererCapabilities
                V2_0: true
              Application: &ApplicationCapabilities
                V2_5: true
            Application: &ApplicationDefaults
              Organizations:
              Policies: &ApplicationPolicies
                Readers: {Type: ImplicitMeta, Rule: "ANY Readers"}
                Writers: {Type: ImplicitMeta, Rule: "ANY Writers"}
                Admins: {Type: ImplicitMeta, Rule: "MAJORITY Admins"}
              Capabilities: *ApplicationCapabilities
            Orderer: &OrdererDefaults
              OrdererType: etcdraft
              BatchTimeout: 2s
              BatchSize:
                MaxMessageCount: 500
                AbsoluteMaxBytes: 10 MB
                PreferredMaxBytes: 2 MB
            """ + ETCDRAFT + """
              Organizations:
              Policies: &OrdererPolicies
                Readers: {Type: ImplicitMeta, Rule: "ANY Readers"}
                Writers: {Type: ImplicitMeta, Rule: "ANY Writers"}
                Admins: {Type: ImplicitMeta, Rule: "MAJORITY Admins"}
                BlockValidation: {Type: ImplicitMeta, Rule: "ANY Writers"}
              Capabilities: *OrdererCapabilities
            Channel: &ChannelDefaults
              Policies: &ChannelPolicies
                Readers: {Type: ImplicitMeta, Rule: "ANY Readers"}
                Writers: {Type: ImplicitMeta, Rule: "ANY Writers"}
                Admins: {Type: ImplicitMeta, Rule: "MAJORITY Admins"}
              Capabilities: *ChannelCapabilities
            Profiles:
              ChannelUsingRaft:
                <<: *ChannelDefaults
                Orderer:
                  <<: *OrdererDefaults
                  Organizations:
                    - *OrdererOrg
                Application:
                  <<: *ApplicationDefaults
                  Organizations:
                    - *Org1
            """;

    public static final String CONSENTER_MAPPING = """
                ConsenterMapping:
                  - ID: 1
                    Host: orderer1.example.com
                    Port: 7050
                    MSPID: OrdererMSP
                    ClientTLSCert: tls/o1.crt
                    ServerTLSCert: tls/o1.crt
                    Identity: tls/o1.crt
                  - ID: 2
                    Host: orderer2.example.com
                    Port: 7050
                    MSPID: OrdererMSP
                    ClientTLSCert: tls/o2.crt
                    ServerTLSCert: tls/o2.crt
                    Identity: tls/o2.crt
                  - ID: 3
                    Host: orderer3.example.com
                    Port: 7050
                    MSPID: OrdererMSP
                    ClientTLSCert: tls/o3.crt
                    ServerTLSCert: tls/o3.crt
                    Identity: tls/o3.crt
                  - ID: 4
                    Host: orderer4.example.com
                    Port: 7050
                    MSPID: OrdererMSP
                    ClientTLSCert: tls/o4.crt
                    ServerTLSCert: tls/o4.crt
                    Identity: tls/o4.crt
            """;

    public static final String SMARTBFT = """
                SmartBFT:
                  RequestBatchMaxInterval: 50ms
                  IncomingMessageBufferSize: 200
                  RequestPoolSize: 100000
                  RequestForwardTimeout: 2s
                  RequestComplainTimeout: 20s
                  RequestAutoRemoveTimeout: 3m0s
                  ViewChangeResendInterval: 5s
                  ViewChangeTimeout: 20s
                  LeaderHeartbeatTimeout: 1m0s
                  LeaderHeartbeatCount: 10
                  CollectTimeout: 1s
            """;

    /** A Fabric 3 BFT network with four consenters: the RAFT file with a BFT profile. */
    public static final String BFT = RAFT.replace("  - orderer3.example.com:7050\n",
            "  - orderer3.example.com:7050\n      - orderer4.example.com:7050\n") + """
              ChannelUsingBFT:
                <<: *ChannelDefaults
                Orderer:
                  <<: *OrdererDefaults
                  OrdererType: BFT
            """ + CONSENTER_MAPPING.indent(2) + SMARTBFT.indent(2) + """
                  Organizations:
                    - *OrdererOrg
                Application:
                  <<: *ApplicationDefaults
                  Organizations:
                    - *Org1
            """;

    /**
     * Creates the crypto material the configs refer to: an MSP (msp/cacerts, msp/tlscacerts), tls/o1..o5.crt issued
     * by the TLS CA, and broken or foreign certificates for the failing examples.
     */
    public static void writeMaterial(Path dir) throws IOException {
        TestCerts.writeCa(dir.resolve("msp/cacerts/ca.crt"), "ca.example.com");
        TestCerts.Ca tlsCa = TestCerts.writeCa(dir.resolve("msp/tlscacerts/tlsca.crt"), "tlsca.example.com");
        Files.createDirectories(dir.resolve("empty-msp"));
        for (int i = 1; i <= 5; i++) {
            TestCerts.writeValid(dir.resolve("tls/o" + i + ".crt"), tlsCa, "orderer" + i + ".example.com");
        }
        Files.writeString(dir.resolve("tls/not-pem.crt"), "this is not a certificate\n");
        Files.writeString(dir.resolve("tls/not-x509.crt"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        TestCerts.write(dir.resolve("tls/expired.crt"), tlsCa, "orderer3.example.com", List.of("orderer3.example.com"),
                Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z"));
        TestCerts.writeValid(dir.resolve("tls/wrong-host.crt"), tlsCa, "other.example.com");
        TestCerts.write(dir.resolve("tls/wildcard.crt"), tlsCa, "orderer3", List.of("*.example.com"),
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400));
        TestCerts.writeValid(dir.resolve("tls/foreign.crt"), null, "orderer3.example.com");
    }
}
