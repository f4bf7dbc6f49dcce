package io.raftlens.raft.fabric.participation;

/**
 * A refused channel operation. {@link Kind} names Fabric's sentinel errors ({@code orderer/common/types/errors.go}),
 * which decide the HTTP status; {@link Kind#OTHER} carries any other reason (a 400 for join and remove).
 */
public final class ParticipationException extends Exception {

    /** Fabric's {@code types.Err*} values, with their exact texts. */
    public enum Kind {
        CHANNEL_ALREADY_EXISTS("channel already exists"),
        CHANNEL_NOT_EXIST("channel does not exist"),
        CHANNEL_PENDING_REMOVAL("channel pending removal"),
        CHANNEL_REMOVAL_FAILURE("channel removal failure"),
        CHANNEL_NOT_READY("channel is not ready, he is a follower"),
        SYSTEM_CHANNEL_NOT_SUPPORTED("system channel not supported"),
        OTHER(null);

        private final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    private final Kind kind;

    public ParticipationException(Kind kind) {
        super(kind.text);
        this.kind = kind;
    }

    /** Any other failure: {@code message} is what the client reads after Fabric's "cannot join: " prefix. */
    public ParticipationException(String message) {
        super(message);
        this.kind = Kind.OTHER;
    }

    public Kind kind() {
        return kind;
    }
}
