package io.raftlens.raft.node;

import io.raftlens.raft.orderer.Blocks;
import io.raftlens.raft.orderer.ConfigBlocks;
import io.raftlens.raft.orderer.MembershipChanges;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.orderer.etcdraft.BlockMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A channel's consenters as of its last config block: the etcdraft metadata, each consenter's Raft id (kept in every
 * block's etcdraft BlockMetadata, as Fabric does: consenter_ids parallel to the config's consenters, and
 * next_consenter_id), and the number of that config block (every block's LAST_CONFIG).
 */
record ConsenterSet(ConfigMetadata metadata, Map<Long, Consenter> byId, long nextId, long configBlock) {

    ConsenterSet {
        byId = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byId));
    }

    /** Reads the set back from a ledger: its last block's LAST_CONFIG and consenter ids (genesis: ids 1..n). */
    static ConsenterSet fromLedger(ChainLedger ledger) {
        Block last = ledger.lastBlock();
        long configNumber = Blocks.lastConfigIndex(last);
        Block config = ledger.block(configNumber).orElseThrow(() -> new IllegalStateException(
                "the ledger has no block " + configNumber + ", which block " + last.getHeader().getNumber()
                        + " names as the channel's last config block"));
        ConfigMetadata md = ConfigBlocks.read(config).etcdRaft();
        List<Long> ids = new ArrayList<>();
        long next;
        BlockMetadata raft = Blocks.raftMetadata(last).orElse(null);
        if (raft != null && raft.getConsenterIdsCount() == md.getConsentersCount()) {
            ids.addAll(raft.getConsenterIdsList());
            next = raft.getNextConsenterId();
        } else {
            for (int i = 1; i <= md.getConsentersCount(); i++) {
                ids.add((long) i);
            }
            next = md.getConsentersCount() + 1L;
        }
        Map<Long, Consenter> byId = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byId.put(ids.get(i), md.getConsenters(i));
        }
        return new ConsenterSet(md, byId, next, configNumber);
    }

    /** The set after config block {@code number} carrying {@code updated} is written. */
    ConsenterSet next(ConfigMetadata updated, long number) {
        MembershipChanges c = MembershipChanges.compute(byId, nextId, updated.getConsentersList());
        return new ConsenterSet(updated, c.consenters(), c.nextConsenterId(), number);
    }

    List<Long> ids() {
        return List.copyOf(byId.keySet());
    }

    boolean contains(long id) {
        return byId.containsKey(id);
    }

    /** The etcdraft block metadata a block committed at {@code raftIndex} carries under this set. */
    BlockMetadata blockMetadata(long raftIndex) {
        return BlockMetadata.newBuilder().addAllConsenterIds(byId.keySet()).setNextConsenterId(nextId)
                .setRaftIndex(raftIndex).build();
    }

    /** {@code host:port} of consenter {@code id}, as Fabric names it. */
    String address(long id) {
        Consenter c = byId.get(id);
        return c == null ? "node " + id : c.getHost() + ":" + c.getPort();
    }
}
