package io.raftlens.raft.configtxgen;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftlens.config.model.configtx.Capabilities;
import io.raftlens.config.model.configtx.Configtx;
import io.raftlens.config.model.configtx.Organization;
import java.util.List;

/** {@code configtxgen -printOrg NAME}: an organization of the top-level Organizations list as a config group. */
public final class OrganizationPrinter {

    private OrganizationPrinter() {
    }

    /**
     * An organization with OrdererEndpoints is encoded as an orderer org (with the top-level Channel capabilities),
     * any other as an application org — as configtxgen decides.
     */
    public static ObjectNode print(Configtx configtx, String name, ChannelConfigEncoder encoder) throws ConfigtxgenException {
        for (Organization org : configtx.organizations()) {
            if (!name.equals(ChannelConfigEncoder.name(org))) {
                continue;
            }
            try {
                if (!org.ordererEndpoints().isEmpty()) {
                    Capabilities channelCaps = configtx.capabilities().stream().filter(c -> c.group().equals("Channel"))
                            .map(Configtx.NamedCapabilities::capabilities).findFirst()
                            .orElse(new Capabilities(false, org.range(), List.of()));
                    return BlockJson.organizationGroup(encoder.ordererOrgGroup(org, channelCaps));
                }
                return BlockJson.organizationGroup(encoder.applicationOrgGroup(org));
            } catch (ConfigtxgenException e) {
                throw e.wrap("bad org definition for org " + name);
            }
        }
        throw new ConfigtxgenException("organization " + name + " not found");
    }
}
