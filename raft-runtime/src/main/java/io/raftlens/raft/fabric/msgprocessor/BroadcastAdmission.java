package io.raftlens.raft.fabric.msgprocessor;

import java.util.Optional;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Status;

/**
 * The checking half of Fabric's broadcast Handler.ProcessMessage with the Registrar's BroadcastChannelSupport:
 * channel header, channel, classification, then the channel's processor. What it accepts is ordered by the caller
 * (after waiting for the consenter to be ready, as Fabric's WaitReady/Order do); what it refuses carries Fabric's
 * status and message. Thread-safe.
 */
public final class BroadcastAdmission {
    /** A message the channel accepts: normal (ordered as is) or a config update turned into a CONFIG envelope. */
    public record Admitted(ChannelHeader header, boolean config, Envelope envelope, long configSequence) {
    }

    /** Turns a CONFIG_UPDATE into the signed CONFIG envelope to order (Fabric's ProcessConfigUpdateMsg). */
    public interface ConfigUpdates {
        Admitted process(StandardChannel channel, ChannelHeader header, Envelope configUpdate) throws RejectedMessage;
    }

    private final Function<String, Optional<StandardChannel>> channels;
    private final ConfigUpdates configUpdates;

    public BroadcastAdmission(Function<String, Optional<StandardChannel>> channels, ConfigUpdates configUpdates) {
        this.channels = channels;
        this.configUpdates = configUpdates;
    }

    public Admitted admit(Envelope env) throws RejectedMessage {
        ChannelHeader chdr;
        try {
            chdr = Envelopes.channelHeader(env);
        } catch (RejectedMessage e) {
            throw e.withPrefix("could not determine channel ID");
        }
        StandardChannel channel = channels.apply(chdr.getChannelId()).orElseThrow(
                () -> new RejectedMessage(Status.BAD_REQUEST, "channel does not exist"));
        switch (channel.classify(chdr)) {
            case CONFIG -> throw new RejectedMessage(Status.BAD_REQUEST, "message is of type that cannot be processed directly");
            case UNSUPPORTED -> throw new RejectedMessage(Status.BAD_REQUEST, "message is of type that is no longer supported");
            case CONFIG_UPDATE -> {
                return configUpdates.process(channel, chdr, env);
            }
            default -> {
                long seq = channel.processNormal(env);
                return new Admitted(chdr, false, env, seq);
            }
        }
    }

    /** Fabric's metrics label for a header type ("ENDORSER_TRANSACTION", or the number when unknown). */
    public static String typeName(ChannelHeader chdr) {
        HeaderType t = HeaderType.forNumber(chdr.getType());
        return t == null ? Integer.toString(chdr.getType()) : t.name();
    }
}
