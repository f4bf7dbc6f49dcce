package io.raftlens.raft.fabric;

import io.raftlens.raft.fabric.config.ChannelConfig;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.Policy;

/**
 * An application channel derived from a consortium of a real system channel config, the way Fabric's channel
 * creation template does it: the consortium's organizations become the Application group, with configtxgen's
 * default ImplicitMeta policies (Readers ANY, Writers ANY, Admins MAJORITY) there and at the channel level.
 */
public final class ApplicationChannels {
    private ApplicationChannels() {
    }

    public static ChannelConfig fromConsortium(ChannelConfig system, String consortium, String channelId) {
        ConfigGroup root = system.channelGroup();
        ConfigGroup orgs = root.getGroupsOrThrow("Consortiums").getGroupsOrThrow(consortium);
        ConfigGroup.Builder appBuilt = ConfigGroup.newBuilder().setModPolicy("Admins");
        orgs.getGroupsMap().forEach((k, v) -> {
            if (!k.startsWith("idemix")) {
                appBuilt.putGroups(k, v);
            }
        });
        implicitPolicies(appBuilt);
        ConfigGroup.Builder channel = ConfigGroup.newBuilder().setModPolicy("Admins")
                .putAllValues(root.getValuesMap())
                .putGroups("Orderer", root.getGroupsOrThrow("Orderer"))
                .putGroups("Application", appBuilt.build());
        implicitPolicies(channel);
        try {
            return ChannelConfig.of(channelId, Config.newBuilder().setSequence(0).setChannelGroup(channel).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void implicitPolicies(ConfigGroup.Builder g) {
        g.putPolicies("Readers", implicit("Readers", ImplicitMetaPolicy.Rule.ANY));
        g.putPolicies("Writers", implicit("Writers", ImplicitMetaPolicy.Rule.ANY));
        g.putPolicies("Admins", implicit("Admins", ImplicitMetaPolicy.Rule.MAJORITY));
    }

    static ConfigPolicy implicit(String sub, ImplicitMetaPolicy.Rule rule) {
        return ConfigPolicy.newBuilder().setModPolicy("Admins").setPolicy(Policy.newBuilder()
                .setType(Policy.PolicyType.IMPLICIT_META_VALUE)
                .setValue(ImplicitMetaPolicy.newBuilder().setSubPolicy(sub).setRule(rule).build().toByteString())).build();
    }
}
