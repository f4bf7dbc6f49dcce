package io.raftlens.raft.fabric.participation;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Fabric's {@code types.ChannelList}: {@code {"systemChannel":null,"channels":[{"name","url"}…]}}. The system
 * channel is gone in Fabric 3 and always null; {@code channels} is null when the orderer has none, as Go encodes a
 * nil slice.
 */
@JsonPropertyOrder({"systemChannel", "channels"})
public record ChannelList(Entry systemChannel, List<Entry> channels) {

    /** Fabric's {@code types.ChannelInfoShort}. */
    @JsonPropertyOrder({"name", "url"})
    public record Entry(String name, String url) {
    }

    /** The list of {@code names} (sorted), each with its URL; null channels when there are none. */
    public static ChannelList of(java.util.Collection<String> names) {
        List<Entry> list = names.stream().sorted().map(n -> new Entry(n, ParticipationHandler.channelUrl(n))).toList();
        return new ChannelList(null, list.isEmpty() ? null : list);
    }
}
