package io.raftlens.raft.orderer;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;
import org.hyperledger.fabric.protos.orderer.etcdraft.Options;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Fabric's {@code Chain.ValidateConsensusMetadata} for a channel config update that changes the etcdraft metadata:
 * the new metadata must be valid on its own ({@code VerifyConfigMetadata}), change at most one consenter, and not
 * lose quorum with the nodes active now. Errors carry Fabric's messages, wrapped as the orderer wraps them.
 * RaftLens applies consenter changes only: Options must stay as they are, and a certificate rotation (one consenter
 * replaced by another in one update) is refused with a message saying how to do it in two updates.
 */
public final class ConsensusMetadataValidator {

    static final String PREFIX = "consensus metadata update for channel config update is invalid: ";

    private ConsensusMetadataValidator() {
    }

    /**
     * @param current         the channel's etcdraft metadata now
     * @param currentById     its consenters by Raft id
     * @param nextConsenterId the id the next added consenter gets
     * @param active          Raft ids of the nodes active now, the leader included (Fabric's ActiveNodes)
     * @return the one membership change the update makes
     * @throws ConfigUpdateException with Fabric's message when the update is refused
     */
    public static MembershipChanges validate(ConfigMetadata current, Map<Long, Consenter> currentById,
                                             long nextConsenterId, ConfigMetadata updated, Set<Long> active) {
        String invalid = checkConfigMetadata(updated);
        if (invalid != null) {
            throw new ConfigUpdateException(PREFIX + "invalid new config metadata: " + invalid);
        }
        if (!updated.getOptions().equals(current.getOptions())) {
            throw new ConfigUpdateException(PREFIX + "changing the etcdraft Options of a running channel is not "
                    + "supported by RaftLens; send the current Options with the new consenter set");
        }
        MembershipChanges changes = MembershipChanges.compute(currentById, nextConsenterId, updated.getConsentersList());
        if (changes.totalChanges() > 1 && !(changes.added().size() == 1 && changes.removed().size() == 1)) {
            throw new ConfigUpdateException(PREFIX + "update of more than one consenter at a time is not supported, "
                    + "requested changes: add " + changes.added().size() + " node(s), remove "
                    + changes.removed().size() + " node(s)");
        }
        if (changes.unacceptableQuorumLoss(active)) {
            throw new ConfigUpdateException(PREFIX + active.size() + " out of " + changes.consenters().size()
                    + " nodes are alive, configuration will result in quorum loss");
        }
        if (changes.totalChanges() == 2) {
            throw new ConfigUpdateException(PREFIX + "rotating the certificate of consenter "
                    + address(currentById.get(changes.removed().get(0))) + " in one update is not supported by "
                    + "RaftLens; remove it in one update and add the new consenter in the next");
        }
        if (changes.totalChanges() == 0) {
            throw new ConfigUpdateException(PREFIX + "the update does not change the consenter set");
        }
        return changes;
    }

    /** Fabric's {@code VerifyConfigMetadata} without the certificate chain checks; null when valid. */
    static String checkConfigMetadata(ConfigMetadata md) {
        if (!md.hasOptions()) {
            return "nil Raft config metadata options";
        }
        Options o = md.getOptions();
        if (o.getHeartbeatTick() == 0 || o.getElectionTick() == 0 || o.getMaxInflightBlocks() == 0) {
            return "none of HeartbeatTick (" + o.getHeartbeatTick() + "), ElectionTick (" + o.getElectionTick()
                    + ") and MaxInflightBlocks (" + o.getMaxInflightBlocks() + ") can be zero";
        }
        if (o.getElectionTick() <= o.getHeartbeatTick()) {
            return "ElectionTick (" + o.getElectionTick() + ") must be greater than HeartbeatTick ("
                    + o.getHeartbeatTick() + ")";
        }
        Duration tick;
        try {
            tick = GoDuration.parse(o.getTickInterval());
        } catch (RuntimeException e) {
            return "failed to parse TickInterval (" + o.getTickInterval() + ") to time duration: " + e.getMessage();
        }
        if (tick.isZero()) {
            return "TickInterval cannot be zero";
        }
        if (md.getConsentersCount() == 0) {
            return "empty consenter set";
        }
        Set<ByteString> seen = new HashSet<>();
        for (Consenter c : md.getConsentersList()) {
            if (seen.contains(c.getServerTlsCert()) || seen.contains(c.getClientTlsCert())) {
                return "duplicate consenter: server cert: " + c.getServerTlsCert().toString(StandardCharsets.UTF_8)
                        + ", client cert: " + c.getClientTlsCert().toString(StandardCharsets.UTF_8);
            }
            seen.add(c.getServerTlsCert());
            seen.add(c.getClientTlsCert());
        }
        return null;
    }

    static String address(Consenter c) {
        return c == null ? "?" : c.getHost() + ":" + c.getPort();
    }
}
