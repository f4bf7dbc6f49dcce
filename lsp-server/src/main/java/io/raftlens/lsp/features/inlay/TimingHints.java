package io.raftlens.lsp.features.inlay;

import io.raftlens.config.yaml.YamlScalar;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.documents.YamlWalker;
import io.raftlens.lsp.features.EtcdRaftTiming;
import io.raftlens.lsp.features.LspSettings;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** After TickInterval, ElectionTick and HeartbeatTick: "heartbeat 500ms · election timeout 5s–10s". */
final class TimingHints implements InlayHintParticipant {

    private static final Set<String> KEYS = Set.of("tickinterval", "electiontick", "heartbeattick");

    @Override
    public void hints(DocumentModel model, LspSettings settings, List<org.eclipse.lsp4j.InlayHint> out) {
        YamlWalker.walk(model, (path, entry, parent) -> {
            int n = path.size();
            if (n >= 3 && KEYS.contains(path.get(n - 1).toLowerCase(Locale.ROOT))
                    && path.get(n - 2).equalsIgnoreCase("Options") && path.get(n - 3).equalsIgnoreCase("EtcdRaft")
                    && entry.value() instanceof YamlScalar s && s.via().isEmpty()) {
                EtcdRaftTiming.of(parent).ifPresent(t -> out.add(InlayHintService.hint(s.range().end(), t.summary())));
            }
        });
    }
}
