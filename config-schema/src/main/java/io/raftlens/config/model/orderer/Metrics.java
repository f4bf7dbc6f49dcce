package io.raftlens.config.model.orderer;

import java.time.Duration;
import java.util.Optional;

/** {@code Metrics}: the metrics provider and its statsd settings. */
public final class Metrics extends Section {

    Metrics(OrdererYaml file) {
        super(file.child("Metrics"), "Metrics", file.folder());
    }

    /** prometheus, statsd or disabled (default disabled). */
    public String provider() {
        return text("Provider").orElse("disabled");
    }

    private Section statsd() {
        return new Section(child("Statsd"), "Metrics.Statsd", folder());
    }

    public String statsdNetwork() {
        return statsd().text("Network").orElse("udp");
    }

    public Optional<String> statsdAddress() {
        return statsd().text("Address");
    }

    public Duration statsdWriteInterval() {
        return statsd().duration("WriteInterval").filter(d -> !d.isZero()).orElse(Duration.ofSeconds(30));
    }

    public String statsdPrefix() {
        return statsd().text("Prefix").orElse("");
    }
}
