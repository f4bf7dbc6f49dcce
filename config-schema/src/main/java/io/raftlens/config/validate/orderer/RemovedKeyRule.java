package io.raftlens.config.validate.orderer;

import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;

/**
 * ORD002: a key the validated Fabric release does not have: removed since (Kafka, system-channel
 * Cluster keys) or added later (Throttling and ReplicationPolicy are Fabric 3).
 */
final class RemovedKeyRule extends OrdererRule {

    RemovedKeyRule() {
        super("ORD002", Severity.ERROR, "Key not in this Fabric release",
                "A key of another Fabric release: the top-level Kafka section and "
                        + "General.Cluster.ReplicationBackgroundRefreshInterval were removed in Fabric 3.0 with Kafka and "
                        + "the system channel (a Fabric 3 orderer exits at start with \"'' has invalid keys: Kafka\"); "
                        + "General.Backoff, General.Throttling and General.Cluster.ReplicationPolicy only exist from Fabric 3.0 "
                        + "(a 2.5 orderer rejects them the same way); Fabric 1.x keys (General.GenesisProfile, SystemChannel, "
                        + "LedgerType, LogLevel, LogFormat, RAMLedger) were removed in Fabric 2.0 (1.4 for the log keys).");
    }

    @Override
    void check(RuleContext context, OrdererYaml model, DiagnosticSink sink) {
        KeyWalker.walk(model.root().orElseThrow(), (path, entry, info) -> {
            if (info.isEmpty() || info.get().existsIn(context.fabricVersion())) {
                return true;
            }
            if (KeyWalker.droppedByFabric(path, entry)) {
                return false; // a key without a value never reaches Fabric's unknown-key check
            }
            String key = path.get(path.size() - 1);
            String invalid = "\"'" + KeyWalker.parentName(path) + "' has invalid keys: " + key + "\"";
            if (info.get().isLegacy()) {
                report(sink, keyRange(entry), KeyWalker.name(path) + " is a Fabric 1.x key, removed in Fabric "
                        + info.get().removedIn() + ": the orderer fails at start with " + invalid + "; delete it"
                        + legacyAdvice(path));
            } else if (info.get().isRemovedIn(context.fabricVersion())) {
                report(sink, keyRange(entry), KeyWalker.name(path) + " was removed in Fabric " + info.get().removedIn()
                        + ": the orderer fails at start with " + invalid + "; delete it");
            } else {
                report(sink, keyRange(entry), KeyWalker.name(path) + " exists only from Fabric " + info.get().addedIn()
                        + ": a Fabric " + context.fabricVersion().label() + " orderer fails at start with " + invalid);
            }
            return false;
        });
    }

    /** What replaced a Fabric 1.x key, where something did. */
    private static String legacyAdvice(java.util.List<String> path) {
        return switch (KeyWalker.name(path)) {
            case "General.GenesisProfile", "General.SystemChannel" ->
                    " (generate the channel's genesis block with configtxgen -outputBlock and join it with osnadmin channel join)";
            case "General.LogLevel", "General.LogFormat" -> " (logging is set with FABRIC_LOGGING_SPEC and FABRIC_LOGGING_FORMAT)";
            case "General.LedgerType", "RAMLedger" -> " (the file ledger at FileLedger.Location is the only ledger)";
            case "General.TLS.ClientAuthEnabled" -> " (it is called ClientAuthRequired since Fabric 1.1)";
            default -> "";
        };
    }
}
