package io.raftlens.raft.configtxgen;

import com.google.protobuf.Timestamp;
import io.raftlens.config.model.configtx.Profile;
import java.time.Instant;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;

/**
 * Fabric 2.x's {@code configtxgen -outputAnchorPeersUpdate -asOrg ORG} ({@code doOutputAnchorPeersUpdate}): the
 * profile's channel group with Application at version 1, minus the org's AnchorPeers, against the same group with
 * them; the update in an unsigned CONFIG_UPDATE envelope (header version 0, epoch 0, empty signature header).
 */
public final class AnchorPeersUpdate {

    private AnchorPeersUpdate() {
    }

    public static Envelope envelope(ChannelConfigEncoder encoder, Profile profile, String channelId, String asOrg) throws ConfigtxgenException {
        if (asOrg == null || asOrg.isEmpty()) {
            throw new ConfigtxgenException("must specify an organization to update the anchor peer for");
        }
        if (profile.application().isEmpty()) {
            throw new ConfigtxgenException("cannot update anchor peers without an application section", profile.keyRange());
        }
        ConfigGroup channel;
        try {
            channel = encoder.channelGroup(profile);
        } catch (ConfigtxgenException e) {
            throw e.wrap("error parsing profile as channel group");
        }
        ConfigGroup application = channel.getGroupsOrThrow("Application").toBuilder().setVersion(1).build();
        ConfigGroup updated = channel.toBuilder().putGroups("Application", application).build();
        ConfigGroup org = application.getGroupsMap().get(asOrg);
        if (org == null) {
            throw new ConfigtxgenException("org with name '" + asOrg + "' does not exist in config");
        }
        if (!org.containsValues("AnchorPeers")) {
            throw new ConfigtxgenException("org '" + asOrg + "' does not have any anchor peers defined");
        }
        ConfigGroup original = updated.toBuilder().putGroups("Application", application.toBuilder()
                .putGroups(asOrg, org.toBuilder().removeValues("AnchorPeers").build()).build()).build();
        ConfigUpdate update = ConfigUpdates.compute(original, updated).toBuilder().setChannelId(channelId).build();
        ChannelHeader ch = ChannelHeader.newBuilder().setType(HeaderType.CONFIG_UPDATE_VALUE).setVersion(0)
                .setTimestamp(Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond()))
                .setChannelId(channelId).setEpoch(0).build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(ch.toByteString()).setSignatureHeader(SignatureHeader.getDefaultInstance().toByteString()))
                .setData(ConfigUpdateEnvelope.newBuilder().setConfigUpdate(update.toByteString()).build().toByteString())
                .build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build();
    }
}
