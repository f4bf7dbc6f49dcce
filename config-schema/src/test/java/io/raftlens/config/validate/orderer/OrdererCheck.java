package io.raftlens.config.validate.orderer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.fabric.ValidationSettings;
import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validator.ConfigValidator;
import io.raftlens.config.yaml.Range;
import java.nio.file.Path;
import java.util.List;

/** Validates orderer.yaml text the way the CLI and the language server do, and formats findings for exact asserts. */
final class OrdererCheck {

    private OrdererCheck() {}

    static List<Diagnostic> validate(String yaml) {
        return validate(yaml, FabricVersion.V3);
    }

    static List<Diagnostic> validate(String yaml, FabricVersion version) {
        return new ConfigValidator(new ValidationSettings(version, null))
                .validate(Path.of("/tmp/raftlens-test/orderer.yaml"), yaml).diagnostics();
    }

    /** The findings of one code as "CODE severity 1-based-start-end: message". */
    static List<String> findings(String code, String yaml) {
        return findings(code, yaml, FabricVersion.V3);
    }

    static List<String> findings(String code, String yaml, FabricVersion version) {
        return validate(yaml, version).stream().filter(d -> d.code().equals(code)).map(OrdererCheck::format).toList();
    }

    static String format(Diagnostic d) {
        Range r = d.range();
        return d.code() + " " + d.severity().label() + " " + r.start() + "-" + r.end() + ": " + d.message();
    }

    static void assertClean(String code, String yaml) {
        assertEquals(List.of(), findings(code, yaml));
    }

    /** A complete, valid Fabric 3 orderer.yaml with TLS, to build failing variants from. */
    static final String VALID = """
            General:
              ListenAddress: 0.0.0.0
              ListenPort: 7050
              TLS:
                Enabled: true
                PrivateKey: tls/server.key
                Certificate: tls/server.crt
                RootCAs:
                  - tls/ca.crt
              Keepalive:
                ServerMinInterval: 60s
              Cluster:
                SendBufferSize: 100
              BootstrapMethod: none
              LocalMSPDir: msp
              LocalMSPID: OrdererMSP
            FileLedger:
              Location: /var/hyperledger/production/orderer
            Operations:
              ListenAddress: 127.0.0.1:8443
            Metrics:
              Provider: prometheus
            Admin:
              ListenAddress: 127.0.0.1:9443
              TLS:
                Enabled: true
                Certificate: tls/server.crt
                PrivateKey: tls/server.key
                ClientAuthRequired: true
            ChannelParticipation:
              MaxRequestBodySize: 1 MB
            Consensus:
              WALDir: /var/hyperledger/production/orderer/etcdraft/wal
              SnapDir: /var/hyperledger/production/orderer/etcdraft/snapshot
              TickIntervalOverride: 250ms
            """;
}
