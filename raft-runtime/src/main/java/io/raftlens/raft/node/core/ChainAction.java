package io.raftlens.raft.node.core;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.common.Block;

import java.time.Duration;

/** What the driver must do after a {@link ChainCore} event, in order. */
public sealed interface ChainAction {

    /** Propose the marshaled block {@code number} to Raft; a refusal comes back as {@link ChainCore#proposalFailed}. */
    record Propose(long number, ByteString block) implements ChainAction {
    }

    /**
     * Forward broadcast {@code token} to the leader {@code leader} (a Raft id) over the cluster transport, as Fabric's
     * follower does ({@code chain.go} forwardToLeader → {@code rpc.SendSubmit}): its client is answered SUCCESS once
     * the request is handed to the stream to the leader, or SERVICE_UNAVAILABLE with the reason it could not be.
     * The core forgets the token: the driver answers it.
     */
    record Forward(long token, long leader) implements ChainAction {
    }

    /**
     * Check the forwarded envelope of {@code token} again with the channel's current config (Fabric's
     * ProcessNormalMsg, the follower checked it against an older config sequence), then report the outcome with
     * {@link ChainCore#revalidated}.
     */
    record Revalidate(long token, org.hyperledger.fabric.protos.common.Envelope env) implements ChainAction {
    }

    /** Answer the broadcast {@code token} (the driver's handle for the client's reply). */
    record Reply(long token, Answer answer) implements ChainAction {
    }

    /**
     * The leader took broadcast {@code token} into its block cutter (Fabric: the run loop received it from
     * {@code submitC}, which is when {@code Order} returns and the client gets SUCCESS). Its {@link Reply} still
     * follows once its block commits (or is lost).
     */
    record Accept(long token) implements ChainAction {
    }

    /** Arm the BatchTimeout timer; when it fires, call {@link ChainCore#batchTimeout()}. */
    record StartBatchTimer(Duration timeout) implements ChainAction {
    }

    /** Disarm the BatchTimeout timer (a firing that races with this is harmless). */
    record StopBatchTimer() implements ChainAction {
    }

    /** Ask the Raft node to hand leadership to {@code to} (etcd's TransferLeadership). */
    record TransferLeadership(long to) implements ChainAction {
    }

    /** Arm the abdication timer; when it fires, call {@link ChainCore#abdicationTimeout()}. */
    record StartAbdicationTimer(Duration timeout) implements ChainAction {
    }

    /**
     * The abdication asked for by {@link ChainCore#abdicate} is over: {@code leader} leads now, or 0 when nobody
     * took over (no qualified follower, timed out, halting). Disarm the abdication timer.
     */
    record AbdicationDone(long leader) implements ChainAction {
    }

    /**
     * This node is the new channel's first campaigner: campaign now and every two HeartbeatTicks until a leader is
     * known (Fabric's campaign ticker in {@code node.run}).
     */
    record CampaignUntilLeader() implements ChainAction {
    }

    /** Pull blocks {@code from}..{@code to} from the other consenters, in order, reporting each (or the first missing one). */
    record PullBlocks(long from, long to) implements ChainAction {
    }

    /** Append {@code block} (pulled, or the snapshot's own block) to the ledger as it is. */
    record WriteBlock(Block block) implements ChainAction {
    }

    /** Pull again after {@code after}: call {@link ChainCore#catchUpRetry()} then. */
    record RetryCatchUp(Duration after) implements ChainAction {
    }

    /**
     * The ledger holds every block up to the snapshot's block {@code number}: reload the consenters from the ledger
     * and take the snapshot's {@code voters} as applied. Entries deferred meanwhile are applied by the actions that
     * follow.
     */
    record CaughtUp(long number, java.util.List<Long> voters) implements ChainAction {
    }

    /**
     * Write committed block {@code block} of Raft entry {@code index} to the ledger with this chain's etcdraft
     * metadata (Fabric's {@code writeBlock}: a config block also updates the consenters and batch settings).
     */
    record AppendBlock(Block block, long index) implements ChainAction {
    }

    /**
     * The committed Raft conf change {@code change} at {@code index} (already applied to the Raft node): the
     * chain's side of it. {@code replay}: an entry at or below the applied index, re-applied after a restart only to
     * rebuild the voters.
     */
    record ApplyConfChange(io.raftlens.raft.core.pb.ConfChange change, long index, boolean replay) implements ChainAction {
    }

    /**
     * Take a local snapshot at Raft index {@code index} holding block {@code number} as the ledger holds it (with its
     * metadata, so that a node catching up from it can write it as is), once the ledger has it durably; report it
     * saved with {@link ChainCore#snapshotTaken()}.
     */
    record TakeSnapshot(long index, long number) implements ChainAction {
    }

    /**
     * Eviction suspicion: pull the channel's blocks from {@code from} on from the other consenters (up to their last
     * block) and report them with {@link ChainCore#evictionPulled}.
     */
    record PullForEviction(long from) implements ChainAction {
    }

    /** Halt the chain for good: stop its Raft node, answer nothing more ({@code evicted}: removed, else failed). */
    record Halt(String reason, boolean evicted) implements ChainAction {
    }

    /** Propose the Raft conf change {@code change} (the leader's side of a consenter change). */
    record ProposeConfChange(io.raftlens.raft.core.pb.ConfChange change) implements ChainAction {
    }

    /** The next conf change removes this leader: hand leadership over, so that the next leader proposes it. */
    record HandOverLeadership() implements ChainAction {
    }
}
