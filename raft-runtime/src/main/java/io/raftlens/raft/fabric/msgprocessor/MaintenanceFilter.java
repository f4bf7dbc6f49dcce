package io.raftlens.raft.fabric.msgprocessor;

import com.google.protobuf.InvalidProtocolBufferException;
import io.raftlens.raft.fabric.config.ChannelConfig;
import java.util.Set;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fabric's {@code msgprocessor.MaintenanceFilter} (orderer/common/msgprocessor/maintenancefilter.go), applied to the
 * CONFIG envelope a config update produced, after the final filters: the rules of maintenance mode and
 * consensus-type migration. Without the orderer capability ConsensusTypeMigration (V1_4_2, V2_0) neither the state
 * nor the type may change; with it, entering or leaving maintenance must change ConsensusType.State alone, and the
 * type may change only while the channel is, and stays, in maintenance — to a permitted target.
 *
 * <p>Fabric permits one target, BFT (Fabric 3's SmartBFT). RaftLens orders with etcdraft only, so it refuses that
 * migration too, saying so, rather than order a config block its nodes could not follow.
 */
public final class MaintenanceFilter {
    private static final Logger LOG = LoggerFactory.getLogger("orderer.common.msgprocessor");
    /** Orderer capabilities whose ConsensusTypeMigration() is true (capabilities/orderer.go). */
    private static final Set<String> MIGRATION_CAPABILITIES = Set.of("V1_4_2", "V2_0");

    private MaintenanceFilter() {
    }

    /**
     * MaintenanceFilter.Apply to the CONFIG envelope a config update produced, given as what the filter reads of it:
     * the new config's bundle ({@code next}, already built by the value checks — Fabric builds it a second time
     * here) and its {@code last_update}. RejectedMessage(BAD_REQUEST) with Fabric's text.
     */
    public static void apply(ChannelConfig current, ChannelConfig next, Envelope lastUpdate) throws RejectedMessage {
        String refused = inspect(current, next, lastUpdate);
        if (refused != null) {
            throw new RejectedMessage(Status.BAD_REQUEST, "config transaction inspection failed: " + refused);
        }
    }

    private static String inspect(ChannelConfig current, ChannelConfig next, Envelope lastUpdate) {
        if (next.group(ChannelConfig.ORDERER).isEmpty()) {
            return "next config is missing orderer group";
        }
        String type = type(current);
        String nextType = type(next);
        ConsensusType.State state = state(current);
        ConsensusType.State nextState = state(next);
        if (current.ordererCapabilities().stream().noneMatch(MIGRATION_CAPABILITIES::contains)) {
            if (nextState != ConsensusType.State.STATE_NORMAL) {
                return "next config attempted to change ConsensusType.State to " + nextState + ", but capability is disabled";
            }
            if (!type.equals(nextType)) {
                return "next config attempted to change ConsensusType.Type from " + type + " to " + nextType
                        + ", but capability is disabled";
            }
            return null;
        }
        if (state != nextState) {
            String notAlone = ensureConsensusTypeChangeOnly(lastUpdate);
            if (notAlone != null) {
                return notAlone;
            }
            if (!type.equals(nextType)) {
                return "attempted to change ConsensusType.Type from " + type + " to " + nextType
                        + ", but ConsensusType.State is changing from " + state + " to " + nextState;
            }
            if (!metadata(current).equals(metadata(next))) {
                return "attempted to change ConsensusType.Metadata, but ConsensusType.State is changing from " + state
                        + " to " + nextState;
            }
        }
        if (!type.equals(nextType)) {
            if (state == ConsensusType.State.STATE_NORMAL) {
                return "attempted to change consensus type from " + type + " to " + nextType
                        + ", but current config ConsensusType.State is not in maintenance mode";
            }
            if (nextState == ConsensusType.State.STATE_NORMAL) {
                return "attempted to change consensus type from " + type + " to " + nextType
                        + ", but next config ConsensusType.State is not in maintenance mode";
            }
            if (!nextType.equals("BFT")) {
                return "attempted to change consensus type from " + type + " to " + nextType + ", transition not supported";
            }
            return "attempted to change consensus type from " + type + " to " + nextType + ": Fabric 3 permits this "
                    + "migration, but RaftLens orders with etcdraft only; migrate a Fabric network";
        }
        if (nextState != state) {
            LOG.info("[channel: {}] maintenance mode: ConsensusType.State about to change from {} to {}",
                    current.channelId(), state, nextState);
        }
        return null;
    }

    /** maintenancefilter.go ensureConsensusTypeChangeOnly: the update writes /Channel/Orderer/ConsensusType only. */
    private static String ensureConsensusTypeChangeOnly(Envelope lastUpdate) {
        ConfigUpdate update;
        try {
            ConfigUpdateEnvelope cue = ConfigUpdateEnvelope.parseFrom(Payload.parseFrom(lastUpdate.getPayload()).getData());
            try {
                update = ConfigUpdate.parseFrom(cue.getConfigUpdate());
            } catch (InvalidProtocolBufferException e) {
                return "config update unmarshalling error: " + e.getMessage();
            }
        } catch (InvalidProtocolBufferException e) {
            return "envelope to config update unmarshalling error: " + e.getMessage();
        }
        ConfigGroup writeSet = update.getWriteSet();
        if (writeSet.getGroupsCount() == 0) {
            return "config update contains no changes";
        }
        if (writeSet.getValuesCount() > 0) {
            return "config update contains changes to values in group Channel";
        }
        if (writeSet.getGroupsCount() > 1) {
            return "config update contains changes to more than one group";
        }
        ConfigGroup orderer = writeSet.getGroupsMap().get(ChannelConfig.ORDERER);
        if (orderer == null) {
            return "update does not contain the " + ChannelConfig.ORDERER + " group";
        }
        if (orderer.getGroupsCount() > 0) {
            return "config update contains changes to groups within the " + ChannelConfig.ORDERER + " group";
        }
        if (!orderer.getValuesMap().containsKey("ConsensusType")) {
            return "config update does not contain the ConsensusType value";
        }
        if (orderer.getValuesCount() > 1) {
            return "config update contain more then just the ConsensusType value in the " + ChannelConfig.ORDERER + " group";
        }
        return null;
    }

    private static String type(ChannelConfig c) {
        return c.consensusType().map(ConsensusType::getType).orElse("");
    }

    private static ConsensusType.State state(ChannelConfig c) {
        return c.consensusType().map(ConsensusType::getState).orElse(ConsensusType.State.STATE_NORMAL);
    }

    private static com.google.protobuf.ByteString metadata(ChannelConfig c) {
        return c.consensusType().map(ConsensusType::getMetadata).orElse(com.google.protobuf.ByteString.EMPTY);
    }
}
