package io.raftlens.raft.node;

import io.raftlens.raft.orderer.ConfigUpdateException;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;

/**
 * Fabric's {@code ProcessConfigMsg}, supplied by the protocol layer: a CONFIG envelope that was validated against an
 * older config sequence is processed again (its last_update against the channel's current config) before the
 * leader orders it, as etcdraft's {@code Chain.ordered} does when the sequence has moved.
 */
@FunctionalInterface
public interface ConfigRevalidation {
    /** A CONFIG envelope built against {@code lastConfigBlock}'s config; ConfigUpdateException with Fabric's message. */
    Envelope revalidate(Envelope config, Block lastConfigBlock);

    /** No protocol layer: a CONFIG whose sequence moved is refused, to be sent again. */
    ConfigRevalidation REFUSE = (config, last) -> {
        throw new ConfigUpdateException("bad config message: the channel config changed while this update was being "
                + "validated; send it again");
    };
}
