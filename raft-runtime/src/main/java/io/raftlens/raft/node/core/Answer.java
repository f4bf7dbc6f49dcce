package io.raftlens.raft.node.core;

/**
 * A broadcast's answer with Fabric's status names: {@code SUCCESS} with the block number, or an error status with
 * the reason and the leader to try (0 when unknown).
 */
public record Answer(String status, long block, String info, long leader) {

    public static Answer success(long block) {
        return new Answer("SUCCESS", block, "", 0);
    }

    public static Answer unavailable(String info, long leader) {
        return new Answer("SERVICE_UNAVAILABLE", -1, info, leader);
    }

    public static Answer badRequest(String info) {
        return new Answer("BAD_REQUEST", -1, info, 0);
    }

    public static Answer tooLarge(String info) {
        return new Answer("REQUEST_ENTITY_TOO_LARGE", -1, info, 0);
    }
}
