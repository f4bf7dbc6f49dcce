package io.raftlens.raft.fabric.msgprocessor;

import io.raftlens.raft.fabric.config.ChannelConfig;
import io.raftlens.raft.fabric.configtx.ConfigValueChecks;
import io.raftlens.raft.fabric.configtx.ConfigtxException;
import io.raftlens.raft.fabric.configtx.ConfigtxValidator;
import io.raftlens.raft.fabric.msp.SigningIdentity;
import java.time.Instant;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;

/**
 * The config path of Fabric's StandardChannel: {@link #processConfigUpdate} is ProcessConfigUpdateMsg (the standard
 * filters on the CONFIG_UPDATE, configtx's ProposeConfigUpdate plus the new bundle's checks, the CONFIG envelope
 * signed by this orderer, the filters again on it), {@link #processConfig} is ProcessConfigMsg (the chain's
 * revalidation of a CONFIG whose config sequence has moved meanwhile: its last_update processed again).
 */
public final class ConfigUpdateProcessor implements BroadcastAdmission.ConfigUpdates {
    private final Optional<SigningIdentity> signer;

    /** @param signer the orderer's signing identity (none: the CONFIG envelope carries an empty signature header) */
    public ConfigUpdateProcessor(Optional<SigningIdentity> signer) {
        this.signer = signer;
    }

    @Override
    public BroadcastAdmission.Admitted process(StandardChannel channel, ChannelHeader header, Envelope configUpdate)
            throws RejectedMessage {
        ChannelConfig current = channel.config();
        Envelope config = processConfigUpdate(channel, current, configUpdate);
        return new BroadcastAdmission.Admitted(header, true, config, current.sequence());
    }

    /** Fabric's ProcessConfigUpdateMsg against {@code current}: the CONFIG envelope to order. */
    public Envelope processConfigUpdate(StandardChannel channel, ChannelConfig current, Envelope env) throws RejectedMessage {
        try {
            channel.applyFilters(current, env);
        } catch (RejectedMessage e) {
            throw e.withPrefix("config update for existing channel did not pass initial checks");
        }
        ConfigEnvelope proposed;
        ChannelConfig next;
        try {
            proposed = ConfigtxValidator.of(current.channelId(), current.config(), current.policyManager()).proposeConfigUpdate(env);
            next = ConfigValueChecks.check(current, proposed.getConfig());
        } catch (ConfigtxException e) {
            throw new RejectedMessage(Status.BAD_REQUEST, "error applying config update to existing channel '"
                    + current.channelId() + "': " + e.getMessage());
        }
        Envelope config = signedConfig(current.channelId(), proposed);
        if (signer.isPresent()) { // an unsigned CONFIG could not pass the signature filter
            try {
                channel.applyFilters(current, config);
            } catch (RejectedMessage e) {
                throw e.withPrefix("config update for existing channel did not pass final checks");
            }
        }
        try {
            MaintenanceFilter.apply(current, next, proposed.getLastUpdate());
        } catch (RejectedMessage e) {
            throw e.withPrefix("config update for existing channel did not pass maintenance checks");
        }
        return config;
    }

    /** Fabric's ProcessConfigMsg: the CONFIG envelope's last_update processed again against {@code current}. */
    public Envelope processConfig(StandardChannel channel, ChannelConfig current, Envelope config) throws RejectedMessage {
        return processConfigUpdate(channel, current, Envelopes.configEnvelope(config).getLastUpdate());
    }

    /** protoutil.CreateSignedEnvelope(CONFIG, channel, signer, configEnvelope, 0, 0). */
    private Envelope signedConfig(String channelId, ConfigEnvelope ce) {
        if (signer.isPresent()) {
            return Envelopes.signed(HeaderType.CONFIG, channelId, signer.get(), ce);
        }
        ChannelHeader ch = Envelopes.channelHeader(HeaderType.CONFIG, channelId, Instant.now()).build();
        SignatureHeader sh = SignatureHeader.newBuilder()
                .setNonce(com.google.protobuf.ByteString.copyFrom(Envelopes.nonce())).build();
        Payload payload = Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(ch.toByteString())
                .setSignatureHeader(sh.toByteString())).setData(ce.toByteString()).build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build();
    }
}
