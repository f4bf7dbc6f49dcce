package io.raftlens.raft.network;

import io.raftlens.raft.node.BroadcastResult;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** What the control API and the editor can do to a network; refusals are {@link NetworkOperationException}s. */
public interface NetworkControl {

    /** Every node's state now ({@code GET /v1/network} is {@link ControlJson#network} of it). */
    NetworkSnapshot snapshot();

    void stopNode(long id);

    void killNode(long id);

    void startNode(long id);

    void isolateNode(long id);

    void healNode(long id);

    void partition(List<List<Long>> groups);

    void healAll();

    void transferLeader(String channel, long to);

    /** Submits through {@code node} (null: the channel's leader); completes once ordered into a block or refused. */
    CompletableFuture<BroadcastResult> broadcast(String channel, Long node, byte[] transaction);

    /**
     * A channel config update that makes {@code consenters} (node ids) the channel's consenter set: at most one
     * consenter added or removed, as Fabric allows. Ordered by the channel's leader; completes once the config
     * block is committed and the Raft conf change applied, or with the reason it was refused.
     */
    CompletableFuture<io.raftlens.raft.node.ConsenterUpdateResult> updateConsenters(String channel, List<Long> consenters);

    /** The consenter set (node ids) of {@code channel} now. */
    List<Long> consenters(String channel);

    NetworkEvents events();
}
