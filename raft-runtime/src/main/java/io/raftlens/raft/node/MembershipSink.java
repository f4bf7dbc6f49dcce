package io.raftlens.raft.node;

import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;

import java.util.Map;

/** Where a chain reports its channel's consenter set once a change is applied (the cluster transport's members). */
@FunctionalInterface
interface MembershipSink {
    /**
     * @param consenters the consenters by Raft id
     * @param applied    false when a config block names them (the Raft ids of added consenters become known),
     *                   true once the conf change is applied (only they may talk on the channel from now on)
     */
    void consentersChanged(String channel, Map<Long, Consenter> consenters, boolean applied);
}
