package io.raftlens.raft.fabricledger;

import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.config.ConfigException;
import io.raftlens.raft.fabric.policy.PolicyException;
import io.raftlens.raft.fabric.policy.PolicyManager;
import io.raftlens.raft.orderer.BlockSignatures;
import io.raftlens.raft.orderer.Blocks;
import java.util.Optional;

/**
 * Fabric's BlockSignatureVerifier over a ledger read in order: every block after a config block must carry
 * orderer signatures satisfying that config's {@code /Channel/Orderer/BlockValidation} policy (the policy code of
 * {@code io.raftlens.raft.fabric.policy}). Blocks before the first readable config block are not checked.
 */
public final class BlockValidationCheck implements BlockSignatureCheck {

    private ChannelConfig config;
    private String status = "skipped: no config block";

    @Override
    public Optional<String> check(FabricBlock b) {
        var block = b.block();
        long number = block.getHeader().getNumber();
        if (number > 0 && config != null) {
            try {
                BlockSignatures.verify(block, config.policyManager().policyOrReject(PolicyManager.BLOCK_VALIDATION));
            } catch (PolicyException e) {
                return Optional.of("orderer signatures do not satisfy /Channel/Orderer/BlockValidation: " + e.getMessage());
            }
        }
        if (Blocks.isConfigBlock(block)) {
            try {
                config = ChannelConfig.fromBlock(block);
                status = "BlockValidation";
            } catch (ConfigException e) {
                if (number == 0) {
                    status = "skipped: " + e.getMessage();
                } else {
                    return Optional.of("config block holds no usable channel config: " + e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean checksSignatures() {
        return config != null;
    }

    /** "BlockValidation" once a config block was read, else why signatures were skipped. */
    public String status() {
        return status;
    }
}
