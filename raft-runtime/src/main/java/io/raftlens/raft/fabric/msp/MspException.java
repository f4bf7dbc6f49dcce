package io.raftlens.raft.fabric.msp;

/** An identity or MSP configuration Fabric's MSP would refuse; the message is Fabric's wording where it has one. */
public final class MspException extends Exception {
    public MspException(String message) {
        super(message);
    }

    public MspException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Fabric's {@code errors.WithMessage(err, prefix)}: "prefix: cause". */
    public MspException wrap(String prefix) {
        return new MspException(prefix + ": " + getMessage(), this);
    }
}
