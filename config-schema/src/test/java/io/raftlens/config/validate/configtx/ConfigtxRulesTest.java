package io.raftlens.config.validate.configtx;

import static io.raftlens.config.testing.Configs.BFT;
import static io.raftlens.config.testing.Configs.RAFT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.fabric.ValidationSettings;
import io.raftlens.config.testing.Configs;
import io.raftlens.config.testing.Marked;
import io.raftlens.config.validate.Diagnostic;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.validate.ValidationResult;
import io.raftlens.config.validator.ConfigValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One failing configtx.yaml per rule (the complete base config with one thing broken, the expected range
 * marked «…») and its passing twin (the unbroken base).
 */
class ConfigtxRulesTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void material() throws IOException {
        Configs.writeMaterial(dir);
    }

    /** A rule case: replace {@code old} by {@code marked} (pairs) in {@code base}. */
    record Case(String code, String base, List<String> edits, String fragment, Severity severity, FabricVersion version,
                String profile, String twinProfile) {
        @Override
        public String toString() {
            return code + " " + fragment;
        }

        Case severity(Severity s) {
            return new Case(code, base, edits, fragment, s, version, profile, twinProfile);
        }

        Case version(FabricVersion v) {
            return new Case(code, base, edits, fragment, severity, v, profile, twinProfile);
        }

        Case profile(String p) {
            return new Case(code, base, edits, fragment, severity, version, p, p);
        }

        /** The --profile of the passing twin, when it differs from the failing example's. */
        Case twinProfile(String p) {
            return new Case(code, base, edits, fragment, severity, version, profile, p);
        }

        Marked text() {
            String t = base;
            for (int i = 0; i < edits.size(); i += 2) {
                int at = t.indexOf(edits.get(i));
                if (at < 0) {
                    throw new IllegalArgumentException(code + ": not in base: " + edits.get(i));
                }
                t = t.substring(0, at) + edits.get(i + 1) + t.substring(at + edits.get(i).length());
            }
            return Marked.of(t);
        }
    }

    static Case c(String code, String base, String fragment, String... edits) {
        return new Case(code, base, List.of(edits), fragment, Severity.ERROR, FabricVersion.V3, null, null);
    }

    static Case w(String code, String base, String fragment, String... edits) {
        return c(code, base, fragment, edits).severity(Severity.WARNING);
    }

    static Stream<Case> cases() {
        return Stream.of(
                // YAML level
                c("YAML002", RAFT, "mapping key \"BatchTimeout\" already defined at line 38",
                        "  BatchTimeout: 2s\n", "  BatchTimeout: 2s\n  «BatchTimeout»: 3s\n"),
                w("YAML002", RAFT, "Fabric 2.5 silently uses this later value",
                        "  BatchTimeout: 2s\n", "  BatchTimeout: 2s\n  «BatchTimeout»: 3s\n").version(FabricVersion.V2_5),
                c("YAML004", RAFT, "unknown anchor 'OrdererCapabilitiez' referenced",
                        "  Capabilities: *OrdererCapabilities", "  Capabilities: «*OrdererCapabilitiez»"),
                c("YAML005", RAFT, "map merge requires map or sequence of maps as the value",
                        "    <<: *ChannelDefaults", "    <<: «[a, b]»"),
                w("YAML006", RAFT + "#end\n", "document 2 is ignored", "#end\n", "---\n«Extra: 1»\n"),
                // values
                c("VAL001", RAFT, "unknown key \"MaxMesageCount\" in Orderer.BatchSize; Fabric fails with \"'Orderer.BatchSize' has invalid keys: MaxMesageCount\". Did you mean MaxMessageCount?",
                        "    MaxMessageCount: 500", "    «MaxMesageCount»: 500"),
                c("VAL001", RAFT, "ID, MSPID and Identity exist only in Orderer.ConsenterMapping",
                        "        ClientTLSCert: tls/o1.crt", "        «MSPID»: OrdererMSP\n        ClientTLSCert: tls/o1.crt"),
                c("VAL002", RAFT, "Orderer.BatchTimeout must be a single value (time.Duration), not a list",
                        "BatchTimeout: 2s", "BatchTimeout: «[2s]»"),
                c("VAL002", RAFT, "'Orderer.BatchSize' expected a map, got 'string'", "  BatchSize:\n    MaxMessageCount: 500\n    AbsoluteMaxBytes: 10 MB\n    PreferredMaxBytes: 2 MB\n",
                        "  BatchSize: «big»\n"),
                c("VAL003", RAFT, "cannot parse 'Orderer.BatchSize.MaxMessageCount' as uint: strconv.ParseUint: parsing \"lots\": invalid syntax",
                        "MaxMessageCount: 500", "MaxMessageCount: «lots»"),
                c("VAL003", RAFT, "\"16 MiB\" is not a size Fabric understands", "SnapshotIntervalSize: 16 MB", "SnapshotIntervalSize: «16 MiB»"),
                c("VAL003", RAFT, "Organizations[1].SkipAsForeign must be true or false, not \"yes\"",
                        "    Name: Org1MSP\n", "    Name: Org1MSP\n    SkipAsForeign: «yes»\n"),
                c("VAL004", RAFT, "Fabric silently wraps -1 into the unsigned value 4294967295", "ElectionTick: 10", "ElectionTick: «-1»"),
                c("VAL005", RAFT, "Fabric fails with \"value '4 GB' overflows uint32\"", "AbsoluteMaxBytes: 10 MB", "AbsoluteMaxBytes: «4 GB»"),
                w("VAL006", RAFT, "010 starts with 0, so Fabric reads it as an octal number: 8", "MaxInflightBlocks: 5", "MaxInflightBlocks: «010»"),
                c("VAL007", RAFT, "Fabric fails with \"time: unknown unit \" seconds\" in duration \"2 seconds\"\"", "BatchTimeout: 2s", "BatchTimeout: «2 seconds»"),
                w("VAL008", RAFT, "2 has no unit, so Fabric reads it as 2 nanoseconds", "BatchTimeout: 2s", "BatchTimeout: «2»"),
                c("VAL009", RAFT, "is the placeholder \"${ORG1_MSPID}\": it is not checked until it is substituted",
                        "    ID: Org1MSP", "    ID: «${ORG1_MSPID}»").severity(Severity.INFORMATION),
                w("VAL010", RAFT, "the file org1-id.txt referenced with File: does not exist (yet)",
                        "    ID: Org1MSP", "    ID: {File: «org1-id.txt»}"),
                c("VAL011", RAFT, "\"Kafka\" is not a key of Orderer in Fabric 3 (it exists in Fabric 2.5); Fabric 3 fails with \"'Orderer' has invalid keys: Kafka\"",
                        "  BatchTimeout: 2s\n", "  BatchTimeout: 2s\n  «Kafka»:\n    Brokers: [kafka0:9092]\n"),
                c("VAL011", RAFT, "\"ConsenterMapping\" is not a key of Orderer in Fabric 2.5",
                        "  BatchTimeout: 2s\n", "  BatchTimeout: 2s\n  «ConsenterMapping»: []\n").version(FabricVersion.V2_5),
                // etcdraft
                c("RAFT001", RAFT, "ElectionTick (1, inherited from &OrdererDefaults, line 36) must be greater than HeartbeatTick (1)", "ElectionTick: 10", "ElectionTick: «1»"),
                w("RAFT002", RAFT, "HeartbeatTick: 0 means unset: configtxgen replaces it with the default 1", "HeartbeatTick: 1", "HeartbeatTick: «0»"),
                c("RAFT003", RAFT, "TickInterval \"500\" is not a duration (did you mean 500ms?): configtxgen panics with \"Etcdraft TickInterval (500) must be in time duration format\" (time: missing unit in duration \"500\")",
                        "TickInterval: 500ms", "TickInterval: «500»"),
                c("RAFT004", RAFT, "TickInterval is zero: the orderer rejects the channel with \"TickInterval cannot be zero\"", "TickInterval: 500ms", "TickInterval: «0s»"),
                c("RAFT004", RAFT, "non-positive interval for NewTicker", "TickInterval: 500ms", "TickInterval: «-1s»"),
                w("RAFT005", RAFT, "SnapshotIntervalSize is 1048576 bytes (1 MB), not more than BatchSize.PreferredMaxBytes (2097152 bytes (2 MB))",
                        "SnapshotIntervalSize: 16 MB", "SnapshotIntervalSize: «1 MB»"),
                c("RAFT006", RAFT, "profile ChannelUsingRaft uses OrdererType etcdraft but its Orderer has no EtcdRaft section: configtxgen panics with \"etcdraft configuration missing\"",
                        Configs.ETCDRAFT, "", "OrdererType: etcdraft", "OrdererType: «etcdraft»"),
                c("RAFT007", RAFT, "configtxgen panics with \"etcdraft configuration did not specify any consenter\"",
                        Configs.CONSENTERS, "    «Consenters»: []\n"),
                c("RAFT008", RAFT, "consenter 1 (orderer1.example.com:?) has no Port: configtxgen panics with \"consenter info in etcdraft configuration did not specify port\"",
                        "      - Host: orderer1.example.com\n        Port: 7050\n        ClientTLSCert: tls/o1.crt\n        ServerTLSCert: tls/o1.crt",
                        "      - «Host: orderer1.example.com\n        ClientTLSCert: tls/o1.crt\n        ServerTLSCert: tls/o1.crt»"),
                c("RAFT009", RAFT, "consenter orderer1.example.com:7050 is listed twice (also consenter 1 at line 45)",
                        "Host: orderer2.example.com", "Host: «orderer1.example.com»"),
                c("RAFT010", RAFT, "consenter orderer2.example.com:7050 uses the same certificate as consenter orderer1.example.com:7050",
                        "ClientTLSCert: tls/o2.crt", "ClientTLSCert: «tls/o1.crt»"),
                c("RAFT011", RAFT, "the value of ServerTLSCert is not a file path (it looks like PEM content",
                        "ServerTLSCert: tls/o3.crt", "ServerTLSCert: «\"-----BEGIN CERTIFICATE-----\"»"),
                w("FILE003", RAFT, "the server certificate of consenter orderer3.example.com:7050 does not exist (yet): tls/missing.crt; "
                        + "configtxgen will fail with \"cannot load server cert for consenter orderer3.example.com:7050: open ",
                        "ServerTLSCert: tls/o3.crt", "ServerTLSCert: «tls/missing.crt»"),
                // two paths into one folder that is not there: one finding, at the first, naming how many
                w("FILE003", RAFT, "crypto/ does not exist (yet): 2 paths point into it (the client certificate of consenter "
                        + "orderer3.example.com:7050, the server certificate of consenter orderer3.example.com:7050), the first here",
                        "ClientTLSCert: tls/o3.crt", "ClientTLSCert: «crypto/tls/c3.crt»",
                        "ServerTLSCert: tls/o3.crt", "ServerTLSCert: crypto/tls/s3.crt"),
                c("RAFT012", RAFT, "has invalid certificate: parsing tls server cert of orderer3.example.com:7050: no PEM data found in cert",
                        "ServerTLSCert: tls/o3.crt", "ServerTLSCert: «tls/not-pem.crt»"),
                c("RAFT012", RAFT, "TLS certificate has invalid ASN1 structure", "ServerTLSCert: tls/o3.crt", "ServerTLSCert: «tls/not-x509.crt»"),
                c("RAFT012", RAFT, "it is a directory, not a certificate file", "ServerTLSCert: tls/o3.crt", "ServerTLSCert: «tls»"),
                c("RAFT013", RAFT, "the server certificate of consenter orderer3.example.com:7050 expired on 2021-01-01 00:00:00 UTC",
                        "ServerTLSCert: tls/o3.crt", "ServerTLSCert: «tls/expired.crt»"),
                c("RAFT014", RAFT, "does not cover the host orderer3.example.com: it is valid for other.example.com",
                        "ServerTLSCert: tls/o3.crt", "ServerTLSCert: «tls/wrong-host.crt»"),
                c("RAFT019", RAFT, "the server certificate of consenter orderer3.example.com:7050 (issuer CN=orderer3.example.com) is not issued by the TLS CA of any orderer organization of profile ChannelUsingRaft",
                        "ServerTLSCert: tls/o3.crt", "ServerTLSCert: «tls/foreign.crt»"),
                w("RAFT015", RAFT, "4 consenters need 3 for a quorum and tolerate 1 failed node, no more than 3 consenters would",
                        "    Consenters:", "    «Consenters»:", "        ServerTLSCert: tls/o3.crt\n",
                        "        ServerTLSCert: tls/o3.crt\n      - Host: orderer4.example.com\n        Port: 7050\n        ClientTLSCert: tls/o4.crt\n        ServerTLSCert: tls/o4.crt\n"),
                w("RAFT016", RAFT, "ElectionTick 2 is less than 3 heartbeats (HeartbeatTick 1) (heartbeat every 500ms, election after 1s to 2s)",
                        "ElectionTick: 10", "ElectionTick: «2»"),
                w("RAFT017", RAFT, "election timeout is 5s × 10 = 50s: after a leader failure the channel orders nothing for 50s to 1m40s",
                        "TickInterval: 500ms", "TickInterval: «5s»"),
                c("RAFT018", RAFT, "consenter orderer3.example.com:70500: port 70500 is not a TCP port (1–65535)",
                        "Host: orderer3.example.com\n        Port: 7050", "Host: orderer3.example.com\n        Port: «70500»"),
                // other configtx
                c("CTX001", RAFT, "unknown OrdererType \"EtcdRaft\" (did you mean etcdraft?): configtxgen panics with \"unknown orderer type: EtcdRaft\"",
                        "OrdererType: etcdraft", "OrdererType: «EtcdRaft»"),
                w("CTX001", RAFT, "uses OrdererType solo, which Fabric 3 removed", "OrdererType: etcdraft", "OrdererType: «solo»"),
                c("CTX001", RAFT, "uses OrdererType solo, which Fabric 3 removed", "OrdererType: etcdraft", "OrdererType: «solo»").profile("ChannelUsingRaft"),
                c("CTX002", RAFT, "\"Attempted to set the batch size preferred max bytes (20971520) greater than the absolute max bytes (10485760).\"",
                        "PreferredMaxBytes: 2 MB", "PreferredMaxBytes: «20 MB»"),
                w("CTX003", RAFT, "BatchSize.MaxMessageCount: 0 means unset: configtxgen replaces it with the default 500",
                        "MaxMessageCount: 500", "MaxMessageCount: «0»"),
                w("CTX004", RAFT, "AbsoluteMaxBytes is 209715200 bytes (200 MB), above the 100 MB gRPC message limit",
                        "AbsoluteMaxBytes: 10 MB", "AbsoluteMaxBytes: «200 MB»"),
                c("CTX005", RAFT, "\"Attempted to set the batch timeout to a non-positive value: -1s\"", "BatchTimeout: 2s", "BatchTimeout: «-1s»"),
                c("CTX006", RAFT, "\"global orderer endpoints exist, but can not be used with V3_0 capability: [orderer1.example.com:7050]\"",
                        "  BatchTimeout: 2s\n", "  BatchTimeout: 2s\n  «Addresses»:\n    - orderer1.example.com:7050\n"),
                c("CTX007", RAFT, "\"orderer endpoints for organization OrdererOrg are missing and must be configured when capability V3_0 is enabled\"",
                        "    Name: OrdererOrg", "    «Name»: OrdererOrg",
                        "    OrdererEndpoints:\n      - orderer1.example.com:7050\n      - orderer2.example.com:7050\n      - orderer3.example.com:7050\n", ""),
                w("CTX008", RAFT, "consenter orderer3.example.com:7050 is not among the orderer endpoints of profile ChannelUsingRaft",
                        "- orderer3.example.com:7050", "- orderer9.example.com:7050", "Host: orderer3.example.com", "Host: «orderer3.example.com»"),
                c("CTX009", RAFT, "orderer endpoint \"orderer1.example.com\" is not host:port",
                        "- orderer1.example.com:7050", "- «orderer1.example.com»"),
                c("CTX010", RAFT, "Orderer capability V3_0 is not supported by Fabric 3: the orderer refuses the channel with \"Orderer capability V3_0 is required but not supported\"; there is no Orderer V3_0",
                        "  Orderer: &OrdererCapabilities\n    V2_0: true", "  Orderer: &OrdererCapabilities\n    «V3_0»: true"),
                c("CTX010", RAFT.replace("    V3_0: true", "    V2_0: true"), "Channel capability V3_0 is not supported by Fabric 2.5",
                        "  Channel: &ChannelCapabilities\n    V2_0: true", "  Channel: &ChannelCapabilities\n    «V3_0»: true")
                        .version(FabricVersion.V2_5),
                c("CTX011", RAFT, "\"cannot enable channel capabilities without orderer support first\"",
                        "  Capabilities: *OrdererCapabilities\n", "", "    Orderer:\n      <<: *OrdererDefaults", "    «Orderer»:\n      <<: *OrdererDefaults"),
                c("CTX012", RAFT, "the Orderer of profile ChannelUsingRaft has no BlockValidation policy: configtxgen fails with \"error adding policies to orderer group: no BlockValidation policy defined\"",
                        "    BlockValidation: {Type: ImplicitMeta, Rule: \"ANY Writers\"}\n", "", "  Policies: &OrdererPolicies", "  «Policies»: &OrdererPolicies"),
                c("CTX012", RAFT, "organization Org1MSP has no Writers policy: configtxgen fails with \"error adding policies to application org group Org1MSP: no Writers policy defined\"",
                        "      Writers: {Type: Signature, Rule: \"OR('Org1MSP.member')\"}\n", "",
                        "    ID: Org1MSP\n    MSPDir: msp\n    Policies:", "    ID: Org1MSP\n    MSPDir: msp\n    «Policies»:"),
                c("CTX013", RAFT, "policy Readers has Type \"signature\" (did you mean Signature?): configtxgen fails with \"unknown policy type: signature\"",
                        "Readers: {Type: Signature, Rule: \"OR('Org1MSP.member')\"}", "Readers: {Type: «signature», Rule: \"OR('Org1MSP.member')\"}"),
                c("CTX014", RAFT, "configtxgen fails with \"invalid implicit meta policy rule 'ANY  Readers': expected two space separated tokens, but got 3\"",
                        "Rule: \"ANY Readers\"", "Rule: «\"ANY  Readers\"»"),
                c("CTX014", RAFT, "unknown rule type 'any', expected ALL, ANY, or MAJORITY", "Rule: \"ANY Readers\"", "Rule: «\"any Readers\"»"),
                w("CTX028", RAFT, "organization Org1MSP has no Endorsement policy, but policy Endorsement (\"MAJORITY Endorsement\") of the Application of profile ChannelUsingRaft aggregates it",
                        "    Admins: {Type: ImplicitMeta, Rule: \"MAJORITY Admins\"}\n  Capabilities: *ApplicationCapabilities",
                        "    Admins: {Type: ImplicitMeta, Rule: \"MAJORITY Admins\"}\n    Endorsement: {Type: ImplicitMeta, Rule: \"MAJORITY Endorsement\"}\n  Capabilities: *ApplicationCapabilities",
                        "    ID: Org1MSP\n    MSPDir: msp\n    Policies:", "    ID: Org1MSP\n    MSPDir: msp\n    «Policies»:"),
                c("CTX015", RAFT, "principal 'Org1MSP.memeber' has an unknown role 'memeber': use admin, member, client, peer or orderer; configtxgen fails with \"invalid signature policy rule 'OR('Org1MSP.memeber')'\"",
                        "Rule: \"OR('Org1MSP.member')\"", "Rule: «\"OR('Org1MSP.memeber')\"»"),
                w("CTX015", RAFT, "policy Readers names MSP ID Org1MPS, which no organization in this file has",
                        "Rule: \"OR('Org1MSP.member')\"", "Rule: «\"OR('Org1MPS.member')\"»"),
                c("CTX016", RAFT, "organization Name \"Org1 MSP\" is not a valid config group key: Fabric rejects it with \"config ID 'Org1 MSP' contains illegal characters\"",
                        "Name: Org1MSP", "Name: «Org1 MSP»"),
                c("CTX017", RAFT, "organization Org1MSP has no ID (MSP ID): configtxgen fails with \"MSP for org Org1MSP has empty MSP ID\"",
                        "    ID: Org1MSP", "    ID: «\"\"»"),
                c("CTX018", RAFT, "MSPDir of Org1MSP has no CA certificate in",
                        "    ID: Org1MSP\n    MSPDir: msp", "    ID: Org1MSP\n    MSPDir: «empty-msp»"),
                w("FILE003", RAFT, "MSPDir of Org1MSP does not exist (yet): org1/msp; configtxgen will fail with \"1 - Error loading "
                        + "MSP configuration for org Org1MSP\"", "    ID: Org1MSP\n    MSPDir: msp", "    ID: Org1MSP\n    MSPDir: «org1/msp»"),
                c("CTX019", RAFT, "organization Org1MSP has MSPType \"x509\": configtxgen knows only bccsp (X.509, the default) and idemix",
                        "    ID: Org1MSP\n", "    ID: Org1MSP\n    MSPType: «x509»\n"),
                w("CTX020", RAFT, "profile Legacy defines Consortiums (a system channel), which Fabric 3 does not support",
                        "Profiles:\n", "Profiles:\n  Legacy:\n    <<: *ChannelDefaults\n    Orderer: *OrdererDefaults\n    «Consortiums»:\n      SampleConsortium:\n        Organizations: [*Org1]\n"),
                w("CTX021", RAFT, "profile NoOrderer has no Orderer section: configtxgen -outputBlock refuses it with \"refusing to generate block which is missing orderer section\"",
                        "Profiles:\n", "Profiles:\n  «NoOrderer»:\n    <<: *ChannelDefaults\n    Application: *ApplicationDefaults\n"),
                c("CTX021", RAFT, "profile ChannelUsingRaft has no Application section",
                        "  ChannelUsingRaft:", "  «ChannelUsingRaft»:",
                        "    Application:\n      <<: *ApplicationDefaults\n      Organizations:\n        - *Org1\n", "").profile("ChannelUsingRaft"),
                c("CTX022", BFT, "\"orderer type BFT must be used with V3_0 channel capability: map[V2_0:true]\"",
                        "    V3_0: true", "    V2_0: true", "OrdererType: BFT", "OrdererType: «BFT»"),
                c("CTX023", BFT, "BFT consenter orderer2.example.com:7050 does not specify MSP ID: configtxgen panics with \"consenter info in BFT configuration did not specify MSP ID\"",
                        "- ID: 2\n          Host: orderer2.example.com\n          Port: 7050\n          MSPID: OrdererMSP\n          ClientTLSCert: tls/o2.crt\n          ServerTLSCert: tls/o2.crt\n          Identity: tls/o2.crt",
                        "- «ID: 2\n          Host: orderer2.example.com\n          Port: 7050\n          ClientTLSCert: tls/o2.crt\n          ServerTLSCert: tls/o2.crt\n          Identity: tls/o2.crt»"),
                w("CTX024", BFT, "3 BFT consenters tolerate no faulty node; BFT needs 3f+1 nodes to tolerate f (4 for one)",
                        "      ConsenterMapping:", "      «ConsenterMapping»:",
                        "        - ID: 4\n          Host: orderer4.example.com\n          Port: 7050\n          MSPID: OrdererMSP\n          ClientTLSCert: tls/o4.crt\n          ServerTLSCert: tls/o4.crt\n          Identity: tls/o4.crt\n", ""),
                c("CTX025", BFT, "SmartBFT RequestForwardTimeout (30s) is bigger than RequestComplainTimeout (20s): the orderer fails with \"RequestForwardTimeout is bigger than RequestComplainTimeout\"",
                        "RequestForwardTimeout: 2s", "RequestForwardTimeout: «30s»"),
                c("CTX025", BFT, "SmartBFT RequestPoolSize must be greater than zero", "RequestPoolSize: 100000", "RequestPoolSize: «0»"),
                c("CTX025", BFT, "SmartBFT has no CollectTimeout: a written SmartBFT block is not merged with the defaults, so the orderer fails with \"bad config metadata option CollectTimeout: time: invalid duration \\\"\\\"\"",
                        "      SmartBFT:", "      «SmartBFT»:", "        CollectTimeout: 1s\n", ""),
                c("CTX027", RAFT, "profile channelUsingRaft is not defined (profiles: ChannelUsingRaft): configtxgen panics with \"Could not find profile: channelUsingRaft\"",
                        "Profiles:", "«Profiles»:").profile("channelUsingRaft").twinProfile("ChannelUsingRaft"),
                c("CTX029", RAFT, "two organizations named Org1MSP in the Application of profile ChannelUsingRaft: configtxgen keeps only the last one",
                        "        - *Org1\n", "        - *Org1\n        - <<: *Org1\n          Name: «Org1MSP»\n          ID: Org1bMSP\n"),
                c("CTX026", RAFT, "\"organization 'Org1MSP' is marked to be skipped as foreign\"",
                        "    Name: Org1MSP\n", "    Name: Org1MSP\n    SkipAsForeign: «true»\n"));
    }

    private static ValidationResult validate(String text, FabricVersion version, String profile) {
        return new ConfigValidator(new ValidationSettings(version, profile)).validate(dir.resolve("configtx.yaml"), text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failingExample(Case c) {
        Marked m = c.text();
        ValidationResult r = validate(m.text(), c.version(), c.profile());
        List<Diagnostic> found = r.diagnostics().stream().filter(d -> d.code().equals(c.code())).toList();
        assertEquals(1, found.size(), () -> "expected one " + c.code() + ", got " + r.diagnostics());
        Diagnostic d = found.get(0);
        assertEquals(m.range(), d.range(), () -> "range of " + d);
        assertEquals(c.severity(), d.severity(), d::toString);
        assertTrue(d.message().contains(c.fragment()), () -> "message: " + d.message());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void passingTwin(Case c) {
        ValidationResult r = validate(c.base(), c.version(), c.twinProfile());
        assertEquals(List.of(), r.diagnostics().stream().filter(d -> d.code().equals(c.code())).toList());
    }

    @Test
    void wildcardSanCoversTheHost() {
        String text = RAFT.replace("ServerTLSCert: tls/o3.crt", "ServerTLSCert: tls/wildcard.crt");
        assertEquals(List.of(), validate(text, FabricVersion.V3, null).diagnostics());
    }

    @Test
    void baseConfigsAreClean() {
        assertEquals(List.of(), validate(RAFT, FabricVersion.V3, null).diagnostics());
        assertEquals(List.of(), validate(BFT, FabricVersion.V3, null).diagnostics());
    }

    @Test
    void everyRuleHasAFailingExample() {
        List<String> tested = cases().map(Case::code).distinct().toList();
        List<String> missing = ConfigtxRules.all().stream().map(r -> r.code()).filter(code -> !tested.contains(code)).toList();
        assertEquals(List.of(), missing);
    }
}
