package io.raftlens.config.model.orderer;

import java.time.Duration;

/** {@code General.Keepalive}: gRPC server keepalive. */
public final class Keepalive extends Section {

    Keepalive(General general) {
        super(general.child("Keepalive"), "General.Keepalive", general.folder());
    }

    public Duration serverMinInterval() {
        return duration("ServerMinInterval").filter(d -> !d.isZero()).orElse(Duration.ofSeconds(60));
    }

    public Duration serverInterval() {
        return duration("ServerInterval").filter(d -> !d.isZero()).orElse(Duration.ofHours(2));
    }

    public Duration serverTimeout() {
        return duration("ServerTimeout").filter(d -> !d.isZero()).orElse(Duration.ofSeconds(20));
    }
}
