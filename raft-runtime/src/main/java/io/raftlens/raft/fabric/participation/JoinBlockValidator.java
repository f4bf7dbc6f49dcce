package io.raftlens.raft.fabric.participation;

import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.config.ConfigException;
import io.raftlens.raft.orderer.Blocks;
import java.util.Arrays;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Fabric's {@code channelparticipation.ValidateJoinBlock}: whether a block can start a channel through the
 * participation API, with Fabric's error texts (the handler prefixes them with "invalid join block: ").
 */
public final class JoinBlockValidator {

    private JoinBlockValidator() {
    }

    /** The block's channel and its config (MSPs and policies set up, as Fabric's bundle). */
    public record Valid(String channelId, ChannelConfig config) {
    }

    /** @throws ParticipationException why the block cannot be a join block */
    public static Valid validate(Block block) throws ParticipationException {
        if (!Blocks.isConfigBlock(block)) {
            throw new ParticipationException("block is not a config block");
        }
        if (!block.hasMetadata() || block.getMetadata().getMetadataCount() == 0) {
            throw new ParticipationException("invalid block: does not have metadata");
        }
        if (!Arrays.equals(Blocks.dataHash(block.getData()), block.getHeader().getDataHash().toByteArray())) {
            throw new ParticipationException("invalid block: Header.DataHash is different from Hash(block.Data)");
        }
        ChannelConfig config;
        try {
            config = ChannelConfig.fromBlock(block);
        } catch (ConfigException e) {
            throw new ParticipationException(e.getMessage());
        }
        if (config.group(ChannelConfig.CONSORTIUMS).isPresent()) {
            throw new ParticipationException("invalid config: contains consortiums: system channel not supported");
        }
        if (config.group(ChannelConfig.APPLICATION).isEmpty()) {
            throw new ParticipationException("invalid config: must contain application config");
        }
        return new Valid(config.channelId(), config);
    }
}
