package io.raftlens.config.validate.orderer;

import io.raftlens.config.validate.Rule;
import java.util.List;

/** Every orderer.yaml rule (codes ORD001…), for RuleCatalog. */
public final class OrdererRules {

    private static final List<Rule> ALL = List.of(
            new UnknownKeyRule(),
            new RemovedKeyRule(),
            new DeprecatedKeyRule(),
            new BootstrapMethodRule(),
            new ClusterListenerRule(),
            new ClusterTlsRule(),
            new AdminTlsRule(),
            new PortRangeRule(),
            new PortConflictRule(),
            new MetricsProviderRule(),
            new TlsFilesRule(),
            new ValueTypeRule(),
            new TlsFileRule());

    private OrdererRules() {}

    public static List<Rule> all() {
        return ALL;
    }
}
