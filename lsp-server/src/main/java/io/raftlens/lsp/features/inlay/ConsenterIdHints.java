package io.raftlens.lsp.features.inlay;

import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlNode;
import io.raftlens.config.yaml.YamlSequence;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.documents.YamlWalker;
import io.raftlens.lsp.features.LspSettings;
import java.util.List;

/**
 * After each EtcdRaft consenter's first line: its Raft id. configtxgen numbers the consenters of a new
 * channel 1, 2, 3 … in list order; etcd/raft identifies nodes by these ids in its logs.
 */
final class ConsenterIdHints implements InlayHintParticipant {

    @Override
    public void hints(DocumentModel model, LspSettings settings, List<org.eclipse.lsp4j.InlayHint> out) {
        YamlWalker.walk(model, (path, entry, parent) -> {
            int n = path.size();
            if (n >= 2 && path.get(n - 1).equalsIgnoreCase("Consenters") && path.get(n - 2).equalsIgnoreCase("EtcdRaft")
                    && entry.value() instanceof YamlSequence s && s.via().isEmpty()) {
                int id = 0;
                for (YamlNode item : s.items()) {
                    id++;
                    if (item instanceof YamlMapping m && item.via().isEmpty() && !m.entries().isEmpty()) {
                        out.add(InlayHintService.hint(m.entries().get(0).value().range().end(), "raft id " + id));
                    }
                }
            }
        });
    }
}
