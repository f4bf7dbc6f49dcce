package io.raftlens.raft.network;

import io.raftlens.raft.node.ChainStatus;
import io.raftlens.raft.node.OrderingNode;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Waits for the running nodes of a channel (those a config update removed aside) to agree on one leader and one term, with exactly one node leading. */
final class Agreement {

    record Leader(long id, long term) {
    }

    private Agreement() {
    }

    static Leader await(LocalNetwork net, String channel, Duration timeout) throws InterruptedException {
        AtomicReference<Leader> found = new AtomicReference<>();
        TestNetworks.await("one agreed leader on " + channel, timeout, () -> {
            List<ChainStatus> s = net.nodes().stream().filter(OrderingNode::isRunning)
                    .map(n -> n.chain(channel).orElseThrow().status()).filter(c -> !c.evicted()).toList();
            long leader = s.get(0).leader();
            long term = s.get(0).term();
            long leaders = s.stream().filter(c -> "leader".equals(c.role())).count();
            boolean agreed = leader != 0 && leaders == 1 && s.stream().allMatch(c -> c.leader() == leader && c.term() == term);
            if (agreed) {
                found.set(new Leader(leader, term));
            }
            return agreed;
        });
        return found.get();
    }
}
