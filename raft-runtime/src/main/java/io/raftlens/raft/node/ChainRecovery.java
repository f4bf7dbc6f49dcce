package io.raftlens.raft.node;

import io.raftlens.raft.core.MemoryStorage;
import io.raftlens.raft.core.RaftConfig;
import io.raftlens.raft.core.RaftLogger;
import io.raftlens.raft.core.pb.ConfState;
import io.raftlens.raft.core.pb.HardState;
import io.raftlens.raft.core.pb.Snapshot;
import io.raftlens.raft.wal.RaftDisk;
import org.hyperledger.fabric.protos.common.Block;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How a chain's Raft node starts from what is on disk (Fabric's {@code etcdraft.NewChain} and {@code node.start}):
 * the WAL and snapshot go into a {@link MemoryStorage}, and the start is one of three {@link Mode}s. Also the
 * {@link RaftConfig} Fabric gives etcd raft ({@code chain.go} NewChain: PreVote, CheckQuorum,
 * DisableProposalForwarding, MaxSizePerMsg = PreferredMaxBytes, MaxInflightMsgs = MaxInflightBlocks; Applied left
 * unset; StepDownOnRemoval left off).
 */
final class ChainRecovery {

    /** Fabric's three starts. */
    enum Mode {
        /** No Raft state, ledger at the genesis block: bootstrap the channel's consenters ("as part of a new channel"). */
        FRESH,
        /** No Raft state, ledger past genesis: added by a config update, the leader brings it up to date. */
        JOIN,
        /** Raft state on disk ("Restarting raft node"). */
        RESTART
    }

    /** The recovered Raft state; {@code snapshot} is null without one. */
    record Recovered(Mode mode, MemoryStorage storage, ConfState confState, Snapshot snapshot, long commitIndex,
                     long snapshotBlock) {
    }

    private ChainRecovery() {
    }

    static Recovered recover(RaftDisk.Recovered rec, long ledgerHeight, List<Long> consenterIds) {
        MemoryStorage storage = new MemoryStorage();
        boolean noHardState = rec.hardState() == null || rec.hardState().equals(HardState.getDefaultInstance());
        boolean fresh = rec.snapshot() == null && rec.entries().isEmpty() && noHardState;
        // Fabric: a node without Raft state whose ledger is past the genesis block joins the running channel (it
        // was added by a config update) instead of bootstrapping a new one.
        Mode mode = !fresh ? Mode.RESTART : ledgerHeight > 1 ? Mode.JOIN : Mode.FRESH;
        ConfState confState = mode == Mode.JOIN ? ConfState.getDefaultInstance()
                : ConfState.newBuilder().addAllVoters(consenterIds).build();
        if (rec.snapshot() != null) {
            storage.applySnapshot(rec.snapshot());
            confState = rec.snapshot().getMetadata().getConfState();
        }
        if (!noHardState) {
            storage.setHardState(rec.hardState());
        }
        if (!rec.entries().isEmpty()) {
            storage.append(rec.entries());
        }
        long commit = rec.hardState() != null ? rec.hardState().getCommit() : 0;
        return new Recovered(mode, storage, confState, rec.snapshot(), commit,
                rec.snapshot() != null ? snapshotBlockNumber(rec.snapshot()) : 0);
    }

    /** The block a chain snapshot holds (its data is the marshaled block), 0 when unreadable. */
    static long snapshotBlockNumber(Snapshot snap) {
        try {
            return Block.parseFrom(snap.getData()).getHeader().getNumber();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return 0;
        }
    }

    /** Fabric's etcd raft configuration for this chain, with election timeouts drawn from {@code random}. */
    static RaftConfig raftConfig(ChainOptions options, long id, MemoryStorage storage, RaftLogger log,
                                 RandomGenerator random) {
        return RaftConfig.builder(id, storage)
                .electionTick(options.electionTick())
                .heartbeatTick(options.heartbeatTick())
                .maxSizePerMsg(options.preferredMaxBytes())
                .maxInflightMsgs(options.maxInflightBlocks())
                .checkQuorum(true)
                .preVote(true)
                .disableProposalForwarding(true)
                .pipelineReadies(options.readyOrder() == ReadyOrder.PIPELINED)
                .etcdRaftVersion(options.etcdRaftVersion())
                .random(random)
                .logger(log)
                .build();
    }
}
