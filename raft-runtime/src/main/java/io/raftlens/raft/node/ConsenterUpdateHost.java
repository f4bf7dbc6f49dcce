package io.raftlens.raft.node;

import io.raftlens.raft.node.core.Answer;
import io.raftlens.raft.node.core.ChainAction;
import io.raftlens.raft.node.core.ChainCore;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** A chain as its {@link ConsenterUpdates} sees it: whether it may order a config update now, and how. Chain thread. */
final class ConsenterUpdateHost implements ConsenterUpdates.Host {

    private final ChainCore core;
    private final Consumer<List<ChainAction>> run;
    private final ChainLedger ledger;
    private final Runnable transferToBestFollower;
    private final Executor chainThread;

    /**
     * @param run                    carries out the core's actions
     * @param transferToBestFollower hands leadership to the follower the core picks, without waiting
     */
    ConsenterUpdateHost(ChainCore core, Consumer<List<ChainAction>> run, ChainLedger ledger, Runnable transferToBestFollower,
                        Executor chainThread) {
        this.core = core;
        this.run = run;
        this.ledger = ledger;
        this.transferToBestFollower = transferToBestFollower;
        this.chainThread = chainThread;
    }

    @Override
    public ConsenterUpdateResult refusal() {
        if (core.serving() != ChainCore.Serving.SERVING) {
            Answer a = core.notServing();
            return ConsenterUpdateResult.unavailable(a.info(), a.leader());
        }
        return null;
    }

    @Override
    public boolean leading() {
        return core.serving() == ChainCore.Serving.SERVING;
    }

    @Override
    public void cutAndPropose(Envelope configTx) {
        run.accept(core.orderConfig(configTx));
    }

    @Override
    public Optional<Block> block(long number) {
        return ledger.block(number);
    }

    @Override
    public void transferLeadership() {
        transferToBestFollower.run();
    }

    @Override
    public void execute(Runnable task) {
        chainThread.execute(task);
    }
}
