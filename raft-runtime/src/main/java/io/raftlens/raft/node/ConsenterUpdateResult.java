package io.raftlens.raft.node;

import java.util.List;

/**
 * The answer to a consenter change (a channel config update): {@code SUCCESS} once the config block is committed
 * and the Raft conf change applied, with the config block's number and the new consenter set (Raft ids);
 * {@code BAD_REQUEST} when the update is invalid (Fabric's message), {@code CONFLICT} while another change is in
 * progress, {@code SERVICE_UNAVAILABLE} when this node cannot order it now (not leader, leadership lost, stopped).
 */
public record ConsenterUpdateResult(String status, long block, List<Long> consenters, String info, long leader) {

    public ConsenterUpdateResult {
        consenters = List.copyOf(consenters);
    }

    static ConsenterUpdateResult success(long block, List<Long> consenters) {
        return new ConsenterUpdateResult("SUCCESS", block, consenters, "", 0);
    }

    /** Taken by the leader for ordering (Fabric's Configure returns then); the block is not written yet. */
    static ConsenterUpdateResult accepted() {
        return new ConsenterUpdateResult("SUCCESS", -1, List.of(), "", 0);
    }

    static ConsenterUpdateResult badRequest(String info) {
        return new ConsenterUpdateResult("BAD_REQUEST", -1, List.of(), info, 0);
    }

    static ConsenterUpdateResult conflict(String info) {
        return new ConsenterUpdateResult("CONFLICT", -1, List.of(), info, 0);
    }

    static ConsenterUpdateResult unavailable(String info, long leader) {
        return new ConsenterUpdateResult("SERVICE_UNAVAILABLE", -1, List.of(), info, leader);
    }

    public boolean isSuccess() {
        return "SUCCESS".equals(status);
    }
}
