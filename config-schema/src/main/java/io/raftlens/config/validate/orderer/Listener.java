package io.raftlens.config.validate.orderer;

import io.raftlens.config.model.orderer.Endpoint;
import io.raftlens.config.model.orderer.General;
import io.raftlens.config.model.orderer.HostPort;
import io.raftlens.config.model.orderer.OrdererYaml;
import io.raftlens.config.model.orderer.Section;
import io.raftlens.config.yaml.Range;
import io.raftlens.config.yaml.YamlEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A server socket the orderer opens, where its address is written ({@code range} empty when it is
 * Fabric's default and not written at all).
 */
record Listener(String name, HostPort address, Optional<Range> range) {

    /** Every listener of the file, in the order the orderer starts them. */
    static List<Listener> of(OrdererYaml model) {
        List<Listener> out = new ArrayList<>();
        General general = model.general();
        Optional<Range> generalRange = general.entry("ListenPort").or(() -> general.entry("ListenAddress")).map(OrdererRule::valueOrKey);
        out.add(new Listener("General.ListenPort", general.listenEndpoint(), generalRange));
        var cluster = general.cluster();
        if (cluster.hasSeparateListener() && cluster.listenPort().isPresent()) {
            out.add(new Listener("General.Cluster.ListenPort", cluster.endpoint(),
                    cluster.entry("ListenPort").map(OrdererRule::valueOrKey)));
        }
        address(model.operations(), "ListenAddress").ifPresent(out::add);
        address(model.admin(), "ListenAddress").ifPresent(out::add);
        general.profileEndpoint().ifPresent(hp -> {
            Section profile = profile(general);
            out.add(new Listener("General.Profile.Address", hp, profile.entry("Address").map(OrdererRule::valueOrKey)
                    .or(() -> profile.entry("Enabled").map(OrdererRule::valueOrKey))));
        });
        return out;
    }

    private static Optional<Listener> address(Endpoint endpoint, String key) {
        Optional<HostPort> hp = endpoint.listenAddress();
        Optional<YamlEntry> entry = endpoint.entry(key);
        if (hp.isEmpty() || entry.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Listener(endpoint.path() + "." + key, hp.get(), Optional.of(OrdererRule.valueOrKey(entry.get()))));
    }

    static Section profile(General general) {
        return general.section("Profile");
    }
}
