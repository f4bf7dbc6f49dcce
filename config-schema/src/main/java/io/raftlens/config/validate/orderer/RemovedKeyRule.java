package io.raftlens.config.validate.orderer;

import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;

/** ORD002: a key of an older Fabric that the validated release no longer has (Kafka, system-channel Cluster keys). */
final class RemovedKeyRule extends OrdererRule {

    RemovedKeyRule() {
        super("ORD002", Severity.ERROR, "Key removed in this Fabric release",
                "A key of an older Fabric release: the top-level Kafka section and "
                        + "General.Cluster.ReplicationBackgroundRefreshInterval were removed in Fabric 3.0 with Kafka and "
                        + "the system channel. A Fabric 3 orderer exits at start with \"'' has invalid keys: Kafka\". "
                        + "Accepted when validating for Fabric 2.5.");
    }

    @Override
    void check(RuleContext context, OrdererYaml model, DiagnosticSink sink) {
        KeyWalker.walk(model.root().orElseThrow(), (path, entry, info) -> {
            if (info.isEmpty() || !info.get().isRemovedIn(context.fabricVersion())) {
                return true;
            }
            String key = path.get(path.size() - 1);
            report(sink, keyRange(entry), KeyWalker.name(path) + " was removed in Fabric " + info.get().removedIn()
                    + ": the orderer fails at start with \"'" + KeyWalker.parentName(path) + "' has invalid keys: " + key
                    + "\"; delete it");
            return false;
        });
    }
}
