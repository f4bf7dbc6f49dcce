package io.raftlens.raft.node.core;

import com.google.protobuf.ByteString;

import java.time.Duration;

/** What the driver must do after a {@link ChainCore} event, in order. */
public sealed interface ChainAction {

    /** Propose the marshaled block {@code number} to Raft; a refusal comes back as {@link ChainCore#proposalFailed}. */
    record Propose(long number, ByteString block) implements ChainAction {
    }

    /** Answer the broadcast {@code token} (the driver's handle for the client's reply). */
    record Reply(long token, Answer answer) implements ChainAction {
    }

    /** Arm the BatchTimeout timer; when it fires, call {@link ChainCore#batchTimeout()}. */
    record StartBatchTimer(Duration timeout) implements ChainAction {
    }

    /** Disarm the BatchTimeout timer (a firing that races with this is harmless). */
    record StopBatchTimer() implements ChainAction {
    }
}
