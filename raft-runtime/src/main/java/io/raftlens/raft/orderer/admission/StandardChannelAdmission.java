package io.raftlens.raft.orderer.admission;

import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;

/**
 * Fabric's checks before a normal message reaches the consenter of one channel: the channel header must parse
 * ({@code protoutil.ChannelHeader}), name this channel ({@code Registrar.GetChain}), and be of a type a client
 * may broadcast ({@code StandardChannel.ClassifyMsg}): CONFIG and ORDERER_TRANSACTION are refused, so no client
 * can put a config block on the channel. Messages as Fabric v3 words them.
 *
 * <p>Two modes. {@link #fabric} is Fabric's: every envelope must carry a Fabric payload. {@link #allowingOpaque}
 * is for RaftLens' control API, whose body is documented as raw transaction bytes (benchmarks and tests send
 * arbitrary bytes): a payload that is not a Fabric {@code Payload} with a header is ordered as opaque bytes,
 * but anything that carries a Fabric header is checked exactly as Fabric checks it. Opaque bytes can never be
 * taken for a config block (that needs a parsable CONFIG header), so neither mode lets client input halt a
 * channel.
 *
 * <p>CONFIG_UPDATE, which Fabric turns into a config block through its config processor, is refused here: the
 * protocol layer's config path ({@code fabric.msgprocessor.ConfigUpdateProcessor}, {@code Chain.configure}) takes
 * signed CONFIG_UPDATE envelopes from gRPC and the control API.
 */
public final class StandardChannelAdmission implements EnvelopeAdmission {

    /** Fabric's {@code BroadcastChannelSupport} wrapping of a header that cannot be read. */
    static final String NO_CHANNEL = "could not determine channel ID: ";

    private final String channel;
    private final boolean opaqueAllowed;

    private StandardChannelAdmission(String channel, boolean opaqueAllowed) {
        this.channel = channel;
        this.opaqueAllowed = opaqueAllowed;
    }

    /** Fabric's checks, nothing more lenient. */
    public static StandardChannelAdmission fabric(String channel) {
        return new StandardChannelAdmission(channel, false);
    }

    /** Fabric's checks for payloads with a Fabric header; other bytes ordered as they are (the control API). */
    public static StandardChannelAdmission allowingOpaque(String channel) {
        return new StandardChannelAdmission(channel, true);
    }

    @Override
    public Admission admit(Envelope env) {
        if (env.getPayload().isEmpty()) {
            // Fabric would first fail on the missing header; the empty-message rule names the real problem.
            return Admission.badRequest("Message was empty");
        }
        Payload payload;
        try {
            payload = Payload.parseFrom(env.getPayload());
        } catch (InvalidProtocolBufferException e) {
            return opaqueAllowed ? Admission.admitted()
                    : Admission.badRequest(NO_CHANNEL + "error unmarshalling Payload: " + e.getMessage());
        }
        if (!payload.hasHeader()) {
            return opaqueAllowed ? Admission.admitted() : Admission.badRequest(NO_CHANNEL + "header not set");
        }
        if (payload.getHeader().getChannelHeader().isEmpty()) {
            return Admission.badRequest(NO_CHANNEL + "channel header not set");
        }
        ChannelHeader chdr;
        try {
            chdr = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        } catch (InvalidProtocolBufferException e) {
            return Admission.badRequest(NO_CHANNEL + "error unmarshalling channel header: error unmarshalling "
                    + "ChannelHeader: " + e.getMessage());
        }
        if (!chdr.getChannelId().equals(channel)) {
            // Fabric routes by this header, so a payload for a channel the orderer does not serve is answered
            // "channel does not exist"; here the request named the channel, so say which two disagree.
            return Admission.badRequest("channel does not exist: the payload's channel header names channel '"
                    + chdr.getChannelId() + "', this broadcast is for channel '" + channel + "'");
        }
        if (chdr.getType() == HeaderType.CONFIG_VALUE) {
            return Admission.badRequest("message is of type that cannot be processed directly");
        }
        if (chdr.getType() == HeaderType.ORDERER_TRANSACTION_VALUE) {
            return Admission.badRequest("message is of type that is no longer supported");
        }
        if (chdr.getType() == HeaderType.CONFIG_UPDATE_VALUE) {
            // an unsigned payload: the config path needs the whole signed Envelope
            return Admission.badRequest("config update for existing channel did not pass initial checks: a "
                    + "CONFIG_UPDATE payload without its envelope signature; send the signed Envelope (over gRPC "
                    + "Broadcast or as the body of POST /v1/channels/" + channel + "/broadcast), or change the "
                    + "consenters with POST /v1/channels/" + channel + "/consenters");
        }
        return Admission.admitted();
    }
}
