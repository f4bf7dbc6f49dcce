package io.raftlens.raft.fabric.participation;

import java.util.List;
import org.hyperledger.fabric.protos.common.Block;

/** An orderer with no channels, for the admin server's tests: every join is refused with "channel already exists". */
final class NoChannels implements ChannelManagement {
    @Override
    public List<String> channels() {
        return List.of();
    }

    @Override
    public ChannelInfo channelInfo(String channel) throws ParticipationException {
        throw new ParticipationException(ParticipationException.Kind.CHANNEL_NOT_EXIST);
    }

    @Override
    public ChannelInfo joinChannel(String channel, Block configBlock) throws ParticipationException {
        throw new ParticipationException(ParticipationException.Kind.CHANNEL_ALREADY_EXISTS);
    }

    @Override
    public void removeChannel(String channel) throws ParticipationException {
        throw new ParticipationException(ParticipationException.Kind.CHANNEL_NOT_EXIST);
    }

    @Override
    public Block fetchBlock(String channel, String blockId) throws ParticipationException {
        throw new ParticipationException(ParticipationException.Kind.CHANNEL_NOT_EXIST);
    }
}
