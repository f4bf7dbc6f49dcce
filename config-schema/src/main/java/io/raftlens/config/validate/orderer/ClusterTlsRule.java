package io.raftlens.config.validate.orderer;

import io.raftlens.config.fabric.FabricVersion;
import io.raftlens.config.model.orderer.General;
import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.yaml.Range;

/**
 * ORD006: without a separate cluster listener, consenters talk over the general listener, which must
 * use TLS. A warning, not an error: orderer.yaml files are very often completed by environment
 * overrides (ORDERER_GENERAL_TLS_ENABLED=true), as Fabric's own sample is.
 */
final class ClusterTlsRule extends OrdererRule {

    ClusterTlsRule() {
        super("ORD006", Severity.WARNING, "Cluster communication needs TLS",
                "Raft and BFT orderers authenticate each other with TLS certificates. Without a separate cluster "
                        + "listener (General.Cluster.ListenAddress/ListenPort/ServerCertificate/ServerPrivateKey) the "
                        + "general listener carries cluster traffic and General.TLS.Enabled must be true, else the orderer "
                        + "panics at start with \"TLS is required for running ordering nodes of cluster type.\" A warning "
                        + "because deployments often turn TLS on with ORDERER_GENERAL_TLS_ENABLED=true. Not reported for a Fabric 2.5 "
                        + "node with BootstrapMethod: file, whose system channel may be solo or Kafka.");
    }

    @Override
    void check(RuleContext context, OrdererYaml model, DiagnosticSink sink) {
        General general = model.general();
        if (general.cluster().hasSeparateListener() || general.tls().enabled()) {
            return;
        }
        if (context.fabricVersion() == FabricVersion.V2_5 && general.bootstrapMethod().equals("file")) {
            return; // a 2.5 node bootstrapped from a solo or Kafka system channel is not of cluster type
        }
        Range where = general.tls().entry("Enabled").map(OrdererRule::valueOrKey)
                .or(() -> general.entry("TLS").map(OrdererRule::keyRange))
                .or(() -> model.entry("General").map(OrdererRule::keyRange))
                .orElse(startOfFile());
        report(sink, where, "General.TLS is not enabled and General.Cluster has no separate listener: the orderer panics "
                + "at start with \"TLS is required for running ordering nodes of cluster type.\" unless TLS is turned on "
                + "(General.TLS.Enabled: true, or ORDERER_GENERAL_TLS_ENABLED=true)");
    }
}
