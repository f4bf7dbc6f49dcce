package io.raftlens.raft.orderer;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a new consenter set changes against the current one (Fabric's {@code ComputeMembershipChanges}):
 * consenters are the same across updates when their ClientTlsCert bytes are; a new consenter gets the next
 * consenter id ({@code next_consenter_id} of the block metadata, max id + 1), a removed id is never reused.
 *
 * @param consenters      the new set by Raft id, in the update's consenter order
 * @param nextConsenterId the next id after this change
 * @param added           ids given to added consenters
 * @param removed         ids of removed consenters
 */
public record MembershipChanges(Map<Long, Consenter> consenters, long nextConsenterId, List<Long> added,
                                List<Long> removed) {

    public MembershipChanges {
        consenters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(consenters));
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    /** Compares {@code updated} with {@code current} (by Raft id); ids come from {@code nextConsenterId}. */
    public static MembershipChanges compute(Map<Long, Consenter> current, long nextConsenterId, List<Consenter> updated) {
        Map<ByteString, Long> idByCert = new LinkedHashMap<>();
        current.forEach((id, c) -> idByCert.put(c.getClientTlsCert(), id));
        Map<Long, Consenter> next = new LinkedHashMap<>();
        List<Long> added = new ArrayList<>();
        long nextId = nextConsenterId;
        for (Consenter c : updated) {
            Long id = idByCert.get(c.getClientTlsCert());
            if (id == null || next.containsKey(id)) {
                id = nextId++;
                added.add(id);
            }
            next.put(id, c);
        }
        List<Long> removed = new ArrayList<>();
        for (Long id : current.keySet()) {
            if (!next.containsKey(id)) {
                removed.add(id);
            }
        }
        return new MembershipChanges(next, nextId, added, removed);
    }

    public int totalChanges() {
        return added.size() + removed.size();
    }

    public boolean isAdd() {
        return added.size() == 1 && removed.isEmpty();
    }

    public boolean isRemove() {
        return removed.size() == 1 && added.isEmpty();
    }

    /**
     * Fabric's {@code UnacceptableQuorumLoss}: whether, with the nodes active now, the new configuration cannot
     * reach a quorum although starting more nodes would avoid that. Growing a 1- or 2-node cluster always loses
     * quorum for a while, which is accepted.
     */
    public boolean unacceptableQuorumLoss(Set<Long> active) {
        Set<Long> alive = new java.util.HashSet<>(active);
        int quorum = consenters.size() / 2 + 1;
        boolean cft = consenters.size() > 2;
        if (isAdd()) {
            return cft && alive.size() < quorum;
        }
        if (isRemove()) {
            alive.remove(removed.get(0));
            return alive.size() < quorum;
        }
        if (added.size() == 1 && removed.size() == 1) { // rotation
            alive.remove(removed.get(0));
            return cft && alive.size() < quorum;
        }
        return false;
    }
}
