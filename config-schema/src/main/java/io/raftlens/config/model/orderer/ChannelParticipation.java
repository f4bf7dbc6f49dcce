package io.raftlens.config.model.orderer;

/** {@code ChannelParticipation}: the channel participation (join/remove) API served by Admin. */
public final class ChannelParticipation extends Section {

    public static final long DEFAULT_MAX_REQUEST_BODY_SIZE = 1024 * 1024;

    ChannelParticipation(OrdererYaml file) {
        super(file.child("ChannelParticipation"), "ChannelParticipation", file.folder());
    }

    /** Largest join request body in bytes (default 1 MB). */
    public long maxRequestBodySize() {
        long v = byteSize("MaxRequestBodySize").orElse(0);
        return v > 0 ? v : DEFAULT_MAX_REQUEST_BODY_SIZE;
    }
}
