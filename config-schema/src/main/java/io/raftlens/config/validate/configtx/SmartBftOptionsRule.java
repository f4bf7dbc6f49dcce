package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.Sourced;
import io.raftlens.config.model.Views;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.Bound.BoundStruct;
import io.raftlens.config.value.GoDuration;
import io.raftlens.config.value.Placeholders;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** CTX025: SmartBFT options as the orderer validates them. */
final class SmartBftOptionsRule extends ConfigtxRule {

    private static final List<String> DURATIONS = List.of("RequestBatchMaxInterval", "RequestForwardTimeout",
            "RequestComplainTimeout", "RequestAutoRemoveTimeout", "ViewChangeResendInterval", "ViewChangeTimeout",
            "LeaderHeartbeatTimeout", "CollectTimeout");
    private static final List<String> POSITIVE = List.of("IncomingMessageBufferSize", "RequestPoolSize", "LeaderHeartbeatCount");

    SmartBftOptionsRule() {
        super("CTX025", Severity.ERROR, "Invalid SmartBFT options",
                "A written SmartBFT block is not merged with the defaults: every timeout must be a duration (\"bad config "
                        + "metadata option RequestForwardTimeout: time: invalid duration \\\"\\\"\"), counters must be positive "
                        + "(\"RequestPoolSize should be greater than zero\"), RequestForwardTimeout ≤ RequestComplainTimeout ≤ "
                        + "RequestAutoRemoveTimeout, ViewChangeResendInterval ≤ ViewChangeTimeout, and LeaderRotation must be off "
                        + "(\"leader rotation must be turned off for this version or be unspecified\").");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            if (o.profile().isEmpty() || !o.orderer().isBft()) {
                continue;
            }
            o.orderer().smartBft().ifPresent(bft -> check(bft, o.orderer().fieldKeyRange("SmartBFT"), sink));
        }
    }

    private void check(BoundStruct bft, io.raftlens.config.yaml.Range keyRange, DiagnosticSink sink) {
        Map<String, Sourced<Duration>> durations = new HashMap<>();
        for (String key : DURATIONS) {
            var text = Views.scalar(bft, key, String.class);
            if (text.isEmpty()) {
                report(sink, keyRange,
                        "SmartBFT has no " + key + ": a written SmartBFT block is not merged with the defaults, so the orderer fails with "
                                + "\"bad config metadata option " + key + ": time: invalid duration \\\"\\\"\"");
                continue;
            }
            if (Placeholders.contains(text.get().value())) {
                continue;
            }
            GoDuration.Parsed p = GoDuration.parse(text.get().value());
            if (!p.ok()) {
                report(sink, text.get().range(), "SmartBFT " + key + " is not a duration: the orderer fails with \"bad config metadata "
                        + "option " + key + ": " + p.error() + "\"");
            } else {
                durations.put(key, text.get().map(t -> p.value()));
            }
        }
        order(durations, "RequestForwardTimeout", "RequestComplainTimeout", sink);
        order(durations, "RequestComplainTimeout", "RequestAutoRemoveTimeout", sink);
        order(durations, "ViewChangeResendInterval", "ViewChangeTimeout", sink);
        for (String key : POSITIVE) {
            var v = Views.scalar(bft, key, Long.class);
            if (v.isEmpty() || v.get().value() == 0) {
                report(sink, v.map(Sourced::range).orElse(keyRange), "SmartBFT " + key + " must be greater than zero: the orderer "
                        + "fails with \"" + key + " should be greater than zero\"");
            }
        }
        Views.scalar(bft, "LeaderRotation", Long.class).filter(r -> r.value() > 1).ifPresent(r -> report(sink, r.range(),
                "SmartBFT LeaderRotation must be 0 (unspecified) or 1 (off): the orderer fails with \"leader rotation must be turned "
                        + "off for this version or be unspecified\""));
    }

    private void order(Map<String, Sourced<Duration>> d, String smaller, String larger, DiagnosticSink sink) {
        Sourced<Duration> a = d.get(smaller);
        Sourced<Duration> b = d.get(larger);
        if (a != null && b != null && a.value().compareTo(b.value()) > 0) {
            report(sink, a.range(), "SmartBFT " + smaller + " (" + GoDuration.format(a.value()) + ") is bigger than " + larger + " ("
                    + GoDuration.format(b.value()) + "): the orderer fails with \"" + smaller + " is bigger than " + larger + "\"");
        }
    }
}
