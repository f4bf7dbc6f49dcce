package io.raftlens.config.bench;

/**
 * A large but realistic configtx.yaml: anchored organizations with policies, capabilities, defaults
 * sections, and many profiles that merge the defaults and list 5-consenter EtcdRaft sections.
 */
public final class LargeConfigtx {

    private LargeConfigtx() {}

    /** A configtx.yaml of at least {@code minLines} lines. */
    public static String generate(int minLines) {
        StringBuilder sb = new StringBuilder(minLines * 40);
        int orgs = 20;
        sb.append("Organizations:\n");
        for (int i = 0; i < orgs; i++) {
            sb.append("  - &Org").append(i).append("\n")
              .append("    Name: Org").append(i).append("MSP\n")
              .append("    ID: Org").append(i).append("MSP\n")
              .append("    MSPDir: crypto/org").append(i).append("/msp\n")
              .append("    Policies:\n");
            for (String p : new String[] {"Readers", "Writers", "Admins", "Endorsement"}) {
                sb.append("      ").append(p).append(":\n        Type: Signature\n        Rule: \"OR('Org").append(i)
                  .append("MSP.").append(p.equals("Admins") ? "admin" : "member").append("')\"\n");
            }
            sb.append("    OrdererEndpoints:\n      - orderer").append(i).append(".example.com:7050\n");
        }
        sb.append("""
                Capabilities:
                  Channel: &ChannelCapabilities
                    V3_0: true
                  Orderer: &OrdererCapabilities
                    V2_0: true
                  Application: &ApplicationCapabilities
                    V2_5: true
                Application: &ApplicationDefaults
                  Organizations:
                  Policies: &ApplicationDefaultPolicies
                    LifecycleEndorsement: {Type: ImplicitMeta, Rule: "MAJORITY Endorsement"}
                    Endorsement: {Type: ImplicitMeta, Rule: "MAJORITY Endorsement"}
                    Readers: {Type: ImplicitMeta, Rule: "ANY Readers"}
                    Writers: {Type: ImplicitMeta, Rule: "ANY Writers"}
                    Admins: {Type: ImplicitMeta, Rule: "MAJORITY Admins"}
                  Capabilities:
                    <<: *ApplicationCapabilities
                Orderer: &OrdererDefaults
                  OrdererType: etcdraft
                  BatchTimeout: 2s
                  BatchSize:
                    MaxMessageCount: 500
                    AbsoluteMaxBytes: 10 MB
                    PreferredMaxBytes: 2 MB
                  Organizations:
                  Policies:
                    Readers: {Type: ImplicitMeta, Rule: "ANY Readers"}
                    Writers: {Type: ImplicitMeta, Rule: "ANY Writers"}
                    Admins: {Type: ImplicitMeta, Rule: "MAJORITY Admins"}
                    BlockValidation: {Type: ImplicitMeta, Rule: "ANY Writers"}
                  Capabilities:
                    <<: *OrdererCapabilities
                Channel: &ChannelDefaults
                  Policies:
                    Readers: {Type: ImplicitMeta, Rule: "ANY Readers"}
                    Writers: {Type: ImplicitMeta, Rule: "ANY Writers"}
                    Admins: {Type: ImplicitMeta, Rule: "MAJORITY Admins"}
                  Capabilities:
                    <<: *ChannelCapabilities
                Profiles:
                """);
        int profile = 0;
        while (lines(sb) < minLines) {
            int a = profile % orgs;
            int b = (profile + 1) % orgs;
            sb.append("  Channel").append(profile).append(":\n")
              .append("    <<: *ChannelDefaults\n")
              .append("    Orderer:\n")
              .append("      <<: *OrdererDefaults\n")
              .append("      Organizations:\n        - *Org").append(a).append("\n")
              .append("      EtcdRaft:\n        Consenters:\n");
            for (int n = 0; n < 5; n++) {
                sb.append("          - Host: orderer").append(n).append(".org").append(a).append(".example.com\n")
                  .append("            Port: ").append(7050 + n).append("\n")
                  .append("            ClientTLSCert: crypto/org").append(a).append("/orderer").append(n).append("/tls/server.crt\n")
                  .append("            ServerTLSCert: crypto/org").append(a).append("/orderer").append(n).append("/tls/server.crt\n");
            }
            sb.append("        Options:\n          TickInterval: 500ms\n          ElectionTick: 10\n          HeartbeatTick: 1\n")
              .append("          MaxInflightBlocks: 5\n          SnapshotIntervalSize: 16 MB\n")
              .append("    Application:\n      <<: *ApplicationDefaults\n      Organizations:\n")
              .append("        - *Org").append(a).append("\n        - <<: *Org").append(b).append("\n")
              .append("          AnchorPeers:\n            - Host: peer0.org").append(b).append(".example.com\n              Port: 7051\n");
            profile++;
        }
        return sb.toString();
    }

    private static int lines(StringBuilder sb) {
        int n = 0;
        for (int i = 0; i < sb.length(); i++) {
            if (sb.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
