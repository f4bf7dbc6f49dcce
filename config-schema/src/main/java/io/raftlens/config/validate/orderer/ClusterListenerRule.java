package io.raftlens.config.validate.orderer;

import io.raftlens.config.model.orderer.Cluster;
import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import java.util.List;

/** ORD005: the four keys of a separate cluster listener must be set together or not at all. */
final class ClusterListenerRule extends OrdererRule {

    static final String FABRIC_PANIC = "Options: General.Cluster.ListenPort, General.Cluster.ListenAddress, "
            + "General.Cluster.ServerCertificate, General.Cluster.ServerPrivateKey, should be defined altogether.";

    ClusterListenerRule() {
        super("ORD005", Severity.ERROR, "Cluster listener keys must be set together",
                "General.Cluster.ListenAddress, ListenPort, ServerCertificate and ServerPrivateKey configure a separate "
                        + "intra-cluster listener. Setting some but not all of them panics at start: \"" + FABRIC_PANIC + "\"");
    }

    @Override
    void check(RuleContext context, OrdererYaml model, DiagnosticSink sink) {
        Cluster cluster = model.general().cluster();
        List<String> set = Cluster.LISTENER_KEYS.stream().filter(k -> isSet(cluster, k)).toList();
        if (set.isEmpty() || set.size() == Cluster.LISTENER_KEYS.size()) {
            return;
        }
        List<String> missing = Cluster.LISTENER_KEYS.stream().filter(k -> !set.contains(k)).toList();
        var clusterKey = model.general().entry("Cluster").orElseThrow();
        report(sink, keyRange(clusterKey), "General.Cluster sets " + String.join(", ", set) + " but not "
                + String.join(", ", missing) + ": the orderer panics at start with \"" + FABRIC_PANIC + "\"");
    }

    /** Fabric tests ListenPort == 0 and the others == "". */
    static boolean isSet(Cluster cluster, String key) {
        if (key.equals("ListenPort")) {
            return cluster.integer("ListenPort").orElse(0) != 0 || (cluster.isSet("ListenPort") && cluster.integer("ListenPort").isEmpty());
        }
        return cluster.isSet(key);
    }
}
