package io.raftlens.raft.fabric.participation;

import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;

/** Fabric's {@code channelparticipation.ValidateUpdateConfigEnvelope}, with its error texts. */
final class UpdateEnvelopes {

    private UpdateEnvelopes() {
    }

    /** The channel a CONFIG_UPDATE envelope updates. */
    static String channelId(Envelope env) throws ParticipationException {
        Payload payload;
        try {
            payload = Payload.parseFrom(env.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new ParticipationException("bad payload");
        }
        if (!payload.hasHeader() || payload.getHeader().getChannelHeader().isEmpty()) {
            throw new ParticipationException("bad header");
        }
        ChannelHeader ch;
        try {
            ch = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        } catch (InvalidProtocolBufferException e) {
            throw new ParticipationException("could not unmarshall channel header");
        }
        if (ch.getType() != HeaderType.CONFIG_UPDATE_VALUE) {
            throw new ParticipationException("bad type");
        }
        if (ch.getChannelId().isEmpty()) {
            throw new ParticipationException("empty channel id");
        }
        try {
            ConfigUpdateEnvelope cue = ConfigUpdateEnvelope.parseFrom(payload.getData());
            return ConfigUpdate.parseFrom(cue.getConfigUpdate()).getChannelId();
        } catch (InvalidProtocolBufferException e) {
            throw new ParticipationException(e.getMessage());
        }
    }
}
