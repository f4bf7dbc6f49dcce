package io.raftlens.raft.fabricledger;

import java.util.Optional;

/**
 * The hook for checking a block's orderer signatures (metadata slot SIGNATURES) against the channel's
 * {@code /Channel/Orderer/BlockValidation} policy. The policy evaluation belongs to the policy code (issue 17);
 * until it is plugged in, {@link #NOT_CHECKED} leaves signatures alone and the verifier says so.
 */
public interface BlockSignatureCheck {

    /** A problem with the block's signatures, or empty when they satisfy the policy. */
    Optional<String> check(FabricBlock block);

    /** Whether this check actually evaluates signatures (false for {@link #NOT_CHECKED}). */
    default boolean checksSignatures() {
        return true;
    }

    BlockSignatureCheck NOT_CHECKED = new BlockSignatureCheck() {
        @Override
        public Optional<String> check(FabricBlock block) {
            return Optional.empty();
        }

        @Override
        public boolean checksSignatures() {
            return false;
        }
    };
}
