package io.raftlens.lsp.documents;

import io.raftlens.config.yaml.YamlEntry;
import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlNode;
import java.util.List;

/**
 * The node under a position.
 *
 * @param path   key path from the root, {@code "[]"} for a list item ({@code Profiles, P, Orderer, EtcdRaft, Consenters, [], Host})
 * @param entry  the mapping entry the position is in (its key or its value), or null inside a list of scalars
 * @param node   the key scalar when {@code onKey}, otherwise the value node
 * @param onKey  true when the position is on the key
 * @param parent the mapping holding {@code entry}, or null
 */
public record NodeAt(List<String> path, YamlEntry entry, YamlNode node, boolean onKey, YamlMapping parent) {

    public NodeAt {
        path = List.copyOf(path);
    }

    public String key() {
        return entry == null ? null : entry.keyText();
    }
}
