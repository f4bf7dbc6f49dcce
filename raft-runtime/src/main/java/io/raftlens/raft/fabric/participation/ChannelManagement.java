package io.raftlens.raft.fabric.participation;

import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;

/**
 * What the participation API needs of an orderer: Fabric's {@code channelparticipation.ChannelManagement}, which the
 * Registrar implements. URLs in the returned infos are left empty; the handler completes them.
 */
public interface ChannelManagement {

    /** The channels this orderer has joined, pending removal included (Fabric lists those too). */
    List<String> channels();

    /** @throws ParticipationException {@code CHANNEL_NOT_EXIST} when the orderer is not on the channel */
    ChannelInfo channelInfo(String channel) throws ParticipationException;

    /**
     * Creates the channel from {@code configBlock} (already checked by {@link JoinBlockValidator}) and joins it:
     * as a consenter when this orderer is in the block's consenter set and the block is a genesis block, else as a
     * follower.
     */
    ChannelInfo joinChannel(String channel, Block configBlock) throws ParticipationException;

    /** Stops the channel and removes its ledger. */
    void removeChannel(String channel) throws ParticipationException;

    /** {@code blockId}: {@code oldest}, {@code newest}, {@code config} or a number (checked by the handler). */
    Block fetchBlock(String channel, String blockId) throws ParticipationException;

    /** Fabric's {@code UpdateChannel}: a config update submitted by an admin of the channel. */
    default ChannelInfo updateChannel(String channel, Envelope configUpdate) throws ParticipationException {
        throw new ParticipationException("this orderer does not take config updates on the participation API;"
                + " broadcast the CONFIG_UPDATE envelope to orderer.AtomicBroadcast instead");
    }
}
