package io.raftlens.raft.node;

/**
 * The answer to one broadcast, with Fabric's broadcast status names: {@code SUCCESS} once the transaction is in
 * a committed block (with its number), or, as {@link Submission#accepted()}, once the leader took it (block -1), else {@code SERVICE_UNAVAILABLE} (no leader, not leader, leadership lost, stopped),
 * {@code BAD_REQUEST} or {@code REQUEST_ENTITY_TOO_LARGE}.
 */
public record BroadcastResult(String status, long block, String info, long leader) {

    public static BroadcastResult success(long block) {
        return new BroadcastResult("SUCCESS", block, "", 0);
    }

    /** Taken by the leader's block cutter; the block is not known yet. */
    public static BroadcastResult accepted() {
        return new BroadcastResult("SUCCESS", -1, "", 0);
    }

    public static BroadcastResult unavailable(String info, long leader) {
        return new BroadcastResult("SERVICE_UNAVAILABLE", -1, info, leader);
    }

    public static BroadcastResult tooLarge(String info) {
        return new BroadcastResult("REQUEST_ENTITY_TOO_LARGE", -1, info, 0);
    }

    public static BroadcastResult badRequest(String info) {
        return new BroadcastResult("BAD_REQUEST", -1, info, 0);
    }

    public boolean isSuccess() {
        return "SUCCESS".equals(status);
    }
}
