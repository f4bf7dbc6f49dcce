package io.raftlens.raft.fabric.msgprocessor;

import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.msp.Certificates;
import io.raftlens.raft.fabric.msp.MspException;
import io.raftlens.raft.fabric.policy.PolicyException;
import io.raftlens.raft.fabric.policy.PolicyManager;
import io.raftlens.raft.fabric.policy.SignedData;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fabric's StandardChannel message processor with the filters of CreateStandardChannelFilters, in Fabric's order:
 * EmptyRejectRule, the size filter (AbsoluteMaxBytes), the expiration rule (unless
 * {@code General.Authentication.NoExpirationChecks}), the signature filter against /Channel/Writers
 * (/Channel/Orderer/Writers in maintenance mode). It reads the channel's current config on every message, so a
 * config update takes effect for the next one.
 */
public final class StandardChannel {
    private static final Logger LOG = LoggerFactory.getLogger("orderer.common.msgprocessor");

    private final Supplier<ChannelConfig> config;
    private final boolean expirationChecks;
    private final Clock clock;
    private final CreatorExpirations expirations = new CreatorExpirations(StandardChannel::expiresAt);

    public StandardChannel(Supplier<ChannelConfig> config, boolean noExpirationChecks, Clock clock) {
        this.config = config;
        this.expirationChecks = !noExpirationChecks;
        this.clock = clock;
    }

    public ChannelConfig config() {
        return config.get();
    }

    /** Fabric's ClassifyMsg. */
    public Classification classify(ChannelHeader chdr) {
        return switch (chdr.getType()) {
            case HeaderType.CONFIG_UPDATE_VALUE -> Classification.CONFIG_UPDATE;
            case HeaderType.ORDERER_TRANSACTION_VALUE -> Classification.UNSUPPORTED;
            case HeaderType.CONFIG_VALUE -> Classification.CONFIG;
            default -> Classification.NORMAL;
        };
    }

    /** Fabric's ProcessNormalMsg: the config sequence the message was checked against, or the rejection. */
    public long processNormal(Envelope env) throws RejectedMessage {
        ChannelConfig c = config.get();
        if (c.ordererCapabilities().contains("V1_4_2") || c.ordererCapabilities().contains("V2_0")) {
            if (c.consensusType().map(ConsensusType::getState).orElse(ConsensusType.State.STATE_NORMAL)
                    != ConsensusType.State.STATE_NORMAL) {
                throw new RejectedMessage(Status.SERVICE_UNAVAILABLE, "normal transactions are rejected: maintenance mode");
            }
        }
        applyFilters(c, env);
        return c.sequence();
    }

    /** The standard channel filters (also applied to config updates, before and after they are proposed). */
    public void applyFilters(ChannelConfig c, Envelope env) throws RejectedMessage {
        if (env.getPayload().isEmpty()) {
            throw new RejectedMessage(Status.BAD_REQUEST, "Message was empty");
        }
        long maxBytes = c.batchSize().map(b -> Integer.toUnsignedLong(b.getAbsoluteMaxBytes())).orElse(Long.MAX_VALUE);
        long size = (long) env.getPayload().size() + env.getSignature().size();
        if (size > maxBytes) {
            throw new RejectedMessage(Status.BAD_REQUEST, "message payload is " + size + " bytes and exceeds maximum allowed "
                    + maxBytes + " bytes");
        }
        List<SignedData> signedData = null;
        if (expirationChecks && c.expirationCheck()) {
            signedData = signedData(env, "could not convert message to signedData: ");
            java.time.Instant expires = expirations.expiresAt(signedData.get(0).identity());
            if (expires != null && !clock.instant().isBefore(expires)) {
                throw new RejectedMessage(Status.BAD_REQUEST, "broadcast client identity expired");
            }
        }
        if (signedData == null) {
            signedData = signedData(env, "could not convert message to signedData: ");
        }
        boolean maintenance = c.consensusType().map(ConsensusType::getState).orElse(ConsensusType.State.STATE_NORMAL)
                == ConsensusType.State.STATE_MAINTENANCE;
        String policyName = maintenance ? PolicyManager.CHANNEL_ORDERER_WRITERS : PolicyManager.CHANNEL_WRITERS;
        var policy = c.policyManager().policy(policyName);
        if (policy.isEmpty()) {
            throw new RejectedMessage(Status.BAD_REQUEST, "could not find policy " + policyName);
        }
        try {
            policy.get().evaluateSignedData(signedData);
        } catch (PolicyException e) {
            LOG.warn("SigFilter evaluation failed error={} ConsensusState={} policyName={} signingIdentity={}", e.getMessage(),
                    maintenance ? "STATE_MAINTENANCE" : "STATE_NORMAL", policyName, describe(signedData.get(0).identity()));
            throw new RejectedMessage(Status.FORBIDDEN, e.getMessage() + ": permission denied");
        }
    }

    private static List<SignedData> signedData(Envelope env, String prefix) throws RejectedMessage {
        try {
            return Envelopes.asSignedData(env);
        } catch (RejectedMessage e) {
            throw new RejectedMessage(Status.BAD_REQUEST, prefix + e.info());
        }
    }

    /** Fabric's crypto.ExpiresAt: the creator certificate's NotAfter, or null when it cannot tell. */
    static java.time.Instant expiresAt(byte[] creator) {
        try {
            SerializedIdentity sid = SerializedIdentity.parseFrom(creator);
            return Certificates.fromPem(sid.getIdBytes().toByteArray()).getNotAfter().toInstant();
        } catch (com.google.protobuf.InvalidProtocolBufferException | MspException e) {
            return null;
        }
    }

    /** Fabric's LogMessageForSerializedIdentity: "(mspid=… subject=… issuer=… serialnumber=…)". */
    static String describe(byte[] creator) {
        try {
            SerializedIdentity sid = SerializedIdentity.parseFrom(creator);
            var cert = Certificates.fromPem(sid.getIdBytes().toByteArray());
            return "(mspid=" + sid.getMspid() + " subject=" + cert.getSubjectX500Principal().getName() + " issuer="
                    + cert.getIssuerX500Principal().getName() + " serialnumber=" + cert.getSerialNumber() + ")";
        } catch (com.google.protobuf.InvalidProtocolBufferException | MspException e) {
            return "(invalid identity)";
        }
    }
}
