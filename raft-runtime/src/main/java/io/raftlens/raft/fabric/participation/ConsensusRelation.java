package io.raftlens.raft.fabric.participation;

import com.fasterxml.jackson.annotation.JsonValue;

/** Fabric's {@code types.ConsensusRelation}: how the orderer takes part in a channel's consensus. */
public enum ConsensusRelation {
    /** In the channel's consenter set. */
    CONSENTER("consenter"),
    /** Not a consenter; pulls the channel's blocks from the consenters. */
    FOLLOWER("follower"),
    /** Not a consenter; tracks only the last config block, to notice being added. */
    CONFIG_TRACKER("config-tracker"),
    /** A non-cluster consensus type (solo). */
    OTHER("other");

    private final String json;

    ConsensusRelation(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }
}
