package io.raftlens.raft.fabric.participation;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Fabric's {@code types.ChannelInfo}, field for field: {@code {"name","url","consensusRelation","status","height"}}.
 *
 * @param url the relative URL, {@code /participation/v1/channels/<name>} (empty until the handler completes it)
 */
@JsonPropertyOrder({"name", "url", "consensusRelation", "status", "height"})
public record ChannelInfo(String name, String url, ConsensusRelation consensusRelation, ChannelStatus status, long height) {

    public ChannelInfo withUrl(String u) {
        return new ChannelInfo(name, u, consensusRelation, status, height);
    }
}
