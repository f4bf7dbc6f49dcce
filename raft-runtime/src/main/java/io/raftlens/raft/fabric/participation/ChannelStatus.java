package io.raftlens.raft.fabric.participation;

import com.fasterxml.jackson.annotation.JsonValue;

/** Fabric's {@code types.Status} of the orderer on a channel. */
public enum ChannelStatus {
    /** Taking part in consensus, or following with height above the join block's number. */
    ACTIVE("active"),
    /** Pulling blocks, height not yet above the join block's number. */
    ONBOARDING("onboarding"),
    /** Storing no blocks for the channel (e.g. being removed). */
    INACTIVE("inactive"),
    /** The last operation on the channel failed. */
    FAILED("failed");

    private final String json;

    ChannelStatus(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }
}
