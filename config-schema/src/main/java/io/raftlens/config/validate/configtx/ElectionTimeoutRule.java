package io.raftlens.config.validate.configtx;

import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.EtcdRaftOptions;
import io.raftlens.config.validate.DiagnosticSink;
import io.raftlens.config.validate.RuleContext;
import io.raftlens.config.validate.Severity;
import io.raftlens.config.value.GoDuration;
import java.time.Duration;

/** RAFT016: an election timeout only one or two heartbeats long makes spurious elections likely. */
final class ElectionTimeoutRule extends ConfigtxRule {

    /** etcd's guidance is an election timeout of about ten heartbeats; fewer than three is fragile. */
    static final long MIN_HEARTBEATS_PER_ELECTION = 3;

    ElectionTimeoutRule() {
        super("RAFT016", Severity.WARNING, "Election timeout too short for the heartbeat",
                "A follower starts an election when it hears no heartbeat for ElectionTick ticks. With ElectionTick less than three "
                        + "times HeartbeatTick, one or two delayed heartbeats (GC pause, slow disk, busy network) depose a healthy "
                        + "leader. Fabric's default is ElectionTick 10, HeartbeatTick 1.");
    }

    @Override
    protected void check(Configtx configtx, RuleContext context, DiagnosticSink sink) {
        for (OrdererInScope o : orderers(configtx, context)) {
            o.orderer().etcdRaft().ifPresent(raft -> {
                EtcdRaftOptions opts = raft.options();
                long et = opts.electionTick().value();
                long hb = opts.heartbeatTick().value();
                if (et > hb && et < MIN_HEARTBEATS_PER_ELECTION * hb) {
                    String timing = opts.tickInterval().map(t -> {
                        Duration tick = t.value();
                        return " (heartbeat every " + GoDuration.format(tick.multipliedBy(hb)) + ", election after "
                                + GoDuration.format(tick.multipliedBy(et)) + " to " + GoDuration.format(tick.multipliedBy(2 * et)) + ")";
                    }).orElse("");
                    report(sink, (opts.electionTick().isDefault() ? opts.heartbeatTick() : opts.electionTick()).range(),
                            "ElectionTick " + et + " is less than " + MIN_HEARTBEATS_PER_ELECTION + " heartbeats (HeartbeatTick " + hb + ")"
                                    + timing + ": a follower starts an election after missing " + (et / hb) + " heartbeat"
                                    + (et / hb == 1 ? "" : "s") + "; use ElectionTick of about 10 × HeartbeatTick");
                }
            });
        }
    }
}
