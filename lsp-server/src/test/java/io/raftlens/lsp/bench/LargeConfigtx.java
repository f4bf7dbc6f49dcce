package io.raftlens.lsp.bench;

/**
 * A generated configtx.yaml of about the requested number of lines, shaped like real ones: anchored
 * organizations with policies, Orderer/Application/Channel defaults, and profiles merging them, each with
 * a five-consenter EtcdRaft section.
 */
public final class LargeConfigtx {

    private LargeConfigtx() {
    }

    public static String generate(int lines) {
        StringBuilder b = new StringBuilder();
        int orgs = Math.max(2, lines / 250);
        b.append("Organizations:\n");
        for (int i = 1; i <= orgs; i++) {
            b.append("  - &Org").append(i).append('\n')
                    .append("    Name: Org").append(i).append("MSP\n")
                    .append("    ID: Org").append(i).append("MSP\n")
                    .append("    MSPDir: crypto/peerOrganizations/org").append(i).append(".example.com/msp\n")
                    .append("    Policies:\n");
            for (String[] p : new String[][] {{"Readers", "member"}, {"Writers", "member"}, {"Admins", "admin"}, {"Endorsement", "peer"}}) {
                b.append("      ").append(p[0]).append(":\n")
                        .append("        Type: Signature\n")
                        .append("        Rule: \"OR('Org").append(i).append("MSP.").append(p[1]).append("')\"\n");
            }
            b.append("    OrdererEndpoints:\n      - orderer").append(i).append(".example.com:7050\n");
        }
        b.append("Capabilities:\n  Channel: &ChannelCapabilities\n    V3_0: true\n  Orderer: &OrdererCapabilities\n    V2_0: true\n"
                + "  Application: &ApplicationCapabilities\n    V2_5: true\n");
        b.append("Application: &ApplicationDefaults\n  Organizations:\n  Policies:\n");
        implicitMeta(b, "    ", new String[] {"Readers", "ANY Readers", "Writers", "ANY Writers", "Admins", "MAJORITY Admins",
                "LifecycleEndorsement", "MAJORITY Endorsement", "Endorsement", "MAJORITY Endorsement"});
        b.append("  Capabilities:\n    <<: *ApplicationCapabilities\n");
        b.append("Orderer: &OrdererDefaults\n  OrdererType: etcdraft\n  BatchTimeout: 2s\n  BatchSize:\n"
                + "    MaxMessageCount: 500\n    AbsoluteMaxBytes: 10 MB\n    PreferredMaxBytes: 2 MB\n  Organizations:\n  Policies:\n");
        implicitMeta(b, "    ", new String[] {"Readers", "ANY Readers", "Writers", "ANY Writers", "Admins", "MAJORITY Admins",
                "BlockValidation", "ANY Writers"});
        b.append("  Capabilities:\n    <<: *OrdererCapabilities\n");
        b.append("Channel: &ChannelDefaults\n  Policies:\n");
        implicitMeta(b, "    ", new String[] {"Readers", "ANY Readers", "Writers", "ANY Writers", "Admins", "MAJORITY Admins"});
        b.append("  Capabilities:\n    <<: *ChannelCapabilities\n");
        b.append("Profiles:\n");
        int p = 0;
        while (count(b) < lines - 40) {
            p++;
            b.append("  Channel").append(p).append(":\n    <<: *ChannelDefaults\n    Orderer:\n      <<: *OrdererDefaults\n")
                    .append("      EtcdRaft:\n        Consenters:\n");
            for (int c = 1; c <= 5; c++) {
                String host = "orderer" + c + ".example.com";
                b.append("          - Host: ").append(host).append('\n')
                        .append("            Port: ").append(7050 + 1000 * (c - 1)).append('\n')
                        .append("            ClientTLSCert: crypto/").append(host).append("/tls/server.crt\n")
                        .append("            ServerTLSCert: crypto/").append(host).append("/tls/server.crt\n");
            }
            b.append("        Options:\n          TickInterval: 500ms\n          ElectionTick: 10\n          HeartbeatTick: 1\n"
                    + "          MaxInflightBlocks: 5\n          SnapshotIntervalSize: 16 MB\n")
                    .append("      Organizations:\n        - *Org").append(1 + p % orgs).append('\n')
                    .append("    Application:\n      <<: *ApplicationDefaults\n      Organizations:\n        - *Org")
                    .append(1 + (p + 1) % orgs).append('\n');
        }
        return b.toString();
    }

    private static void implicitMeta(StringBuilder b, String indent, String[] pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            b.append(indent).append(pairs[i]).append(":\n").append(indent).append("  Type: ImplicitMeta\n")
                    .append(indent).append("  Rule: \"").append(pairs[i + 1]).append("\"\n");
        }
    }

    private static int count(StringBuilder b) {
        int n = 0;
        for (int i = 0; i < b.length(); i++) {
            if (b.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
