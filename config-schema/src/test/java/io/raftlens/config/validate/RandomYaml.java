package io.raftlens.config.validate;

import java.util.Random;

/** Random YAML built from Fabric's vocabulary, so documents reach deep into the rules rather than stopping at the top. */
final class RandomYaml {

    private static final String[] KEYS = {"General", "Cluster", "TLS", "Enabled", "ListenPort", "ListenAddress", "Admin",
        "Operations", "Metrics", "Provider", "Consensus", "WALDir", "BootstrapMethod", "Kafka", "Organizations", "Orderer",
        "EtcdRaft", "Consenters", "Options", "TickInterval", "ElectionTick", "HeartbeatTick", "Host", "Port", "Profiles",
        "Policies", "Rule", "Type", "Capabilities", "V3_0", "BatchSize", "BatchTimeout", "OrdererType", "Addresses",
        "OrdererEndpoints", "Channel", "Application", "ClientTLSCert", "ServerTLSCert", "SnapshotIntervalSize", "<<"};
    private static final String[] SCALARS = {"0", "-1", "70000", "0x10", "010", "true", "yes", "~", "", "500ms", "2 hours",
        "16 MB", "16 MiB", "etcdraft", "BFT", "solo", "file", "none", "ANY Readers", "OR('Org1.member')", "${VAR}",
        "127.0.0.1:7050", "a:b:c", "1.5", "'quoted'", "\"dq\"", "*nope", "é", "\\u0000"};

    private RandomYaml() {}

    static String document(Random random) {
        StringBuilder sb = new StringBuilder();
        mapping(sb, random, 0, 1 + random.nextInt(4));
        return sb.toString();
    }

    private static void mapping(StringBuilder sb, Random random, int indent, int depth) {
        int entries = 1 + random.nextInt(5);
        for (int i = 0; i < entries; i++) {
            sb.append(" ".repeat(indent)).append(KEYS[random.nextInt(KEYS.length)]).append(':');
            value(sb, random, indent, depth);
        }
    }

    private static void value(StringBuilder sb, Random random, int indent, int depth) {
        int choice = depth <= 0 ? 0 : random.nextInt(4);
        switch (choice) {
            case 1 -> {
                sb.append(random.nextInt(5) == 0 ? " &a" + random.nextInt(3) : "").append('\n');
                mapping(sb, random, indent + 2, depth - 1);
            }
            case 2 -> {
                sb.append('\n');
                int items = 1 + random.nextInt(3);
                for (int i = 0; i < items; i++) {
                    sb.append(" ".repeat(indent + 2)).append("-");
                    if (random.nextBoolean()) {
                        sb.append(' ').append(SCALARS[random.nextInt(SCALARS.length)]).append('\n');
                    } else {
                        sb.append('\n');
                        mapping(sb, random, indent + 4, depth - 1);
                    }
                }
            }
            case 3 -> sb.append(" *a").append(random.nextInt(3)).append('\n');
            default -> sb.append(' ').append(SCALARS[random.nextInt(SCALARS.length)]).append('\n');
        }
    }
}
