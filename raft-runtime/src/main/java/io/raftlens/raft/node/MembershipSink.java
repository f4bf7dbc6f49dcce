package io.raftlens.raft.node;

import java.util.List;

/** Where a chain reports its channel's consenter set once a change is applied (the cluster transport's members). */
@FunctionalInterface
interface MembershipSink {
    void consentersChanged(String channel, List<Long> consenters);
}
