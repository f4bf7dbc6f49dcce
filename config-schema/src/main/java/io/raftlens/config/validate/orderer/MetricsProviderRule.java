package io.raftlens.config.validate.orderer;

import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import java.util.List;
import java.util.Optional;

/** ORD010: Metrics.Provider must be prometheus, statsd or disabled (case-sensitive). */
final class MetricsProviderRule extends OrdererRule {

    static final List<String> PROVIDERS = List.of("prometheus", "statsd", "disabled");

    MetricsProviderRule() {
        super("ORD010", Severity.WARNING, "Unknown metrics provider",
                "Metrics.Provider is one of prometheus, statsd or disabled (case-sensitive). Any other value does not "
                        + "stop the orderer: it logs \"Unknown provider type: X; metrics disabled\" and exports nothing.");
    }

    @Override
    void check(RuleContext context, OrdererYaml model, DiagnosticSink sink) {
        var metrics = model.metrics();
        Optional<String> provider = metrics.text("Provider");
        if (provider.isEmpty() || PROVIDERS.contains(provider.get())) {
            return;
        }
        String hint = PROVIDERS.stream().filter(p -> p.equalsIgnoreCase(provider.get().trim())).findFirst()
                .map(p -> " (values are case-sensitive: write " + p + ")").orElse(" (use prometheus, statsd or disabled)");
        report(sink, valueRange(metrics.entry("Provider").orElseThrow()), "the orderer logs \"Unknown provider type: "
                + provider.get() + "; metrics disabled\" and exports no metrics" + hint);
    }
}
