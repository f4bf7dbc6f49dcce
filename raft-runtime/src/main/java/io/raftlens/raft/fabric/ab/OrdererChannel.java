package io.raftlens.raft.fabric.ab;

import io.raftlens.raft.fabric.msgprocessor.StandardChannel;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;

/** What the gRPC services need of one channel of a running orderer (Fabric's ChainSupport, as seen by them). */
public interface OrdererChannel {
    /** The outcome of handing an admitted envelope to the consenter. */
    record Ordered(Status status, String info) {
        public static Ordered success() {
            return new Ordered(Status.SUCCESS, "");
        }
    }

    /** The channel's message processor, reading the channel's current config. */
    StandardChannel processor();

    /** Hands an admitted envelope (normal, or a CONFIG made from a config update) to the consenter. */
    CompletableFuture<Ordered> order(Envelope envelope, boolean config);

    /**
     * Hands an admitted normal envelope, checked against config sequence {@code configSeq}, to the consenter
     * (Fabric's Order(env, configSeq): a follower forwards the sequence to the leader, which checks the envelope again
     * if its config moved on).
     */
    default CompletableFuture<Ordered> order(Envelope envelope, long configSeq) {
        return order(envelope, false);
    }

    /**
     * Hands a CONFIG envelope made of a config update validated against config sequence {@code configSeq} to the
     * consenter (Fabric's Configure), which processes it again if the sequence has moved.
     */
    default CompletableFuture<Ordered> configure(Envelope config, long configSeq) {
        return order(config, true);
    }

    /** Blocks in the ledger. */
    long height();

    Optional<Block> block(long number);

    /** Signalled by the runtime whenever the channel's ledger grows. */
    BlockArrivals arrivals();

    /** True while the consenter is failed or halted (Fabric's Errored channel). */
    default boolean errored() {
        return false;
    }
}
