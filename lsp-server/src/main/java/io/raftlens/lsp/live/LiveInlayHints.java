package io.raftlens.lsp.live;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.LspSettings;
import io.raftlens.lsp.features.inlay.InlayHintParticipant;
import io.raftlens.raft.network.NetworkSnapshot;
import io.raftlens.raft.network.NodeState;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * At the end of each running consenter's first line: its role (and term) per channel, e.g. "● leader · term 3"; for
 * attached orderers the role alone ("● leader", "● unreachable").
 */
final class LiveInlayHints implements InlayHintParticipant {

    private final LiveNetworks networks;

    LiveInlayHints(LiveNetworks networks) {
        this.networks = networks;
    }

    @Override
    public void hints(DocumentModel model, LspSettings settings, List<InlayHint> out) {
        Optional<LiveNetwork> running = networks.network(model.uri());
        Optional<AttachedNetwork> attached = networks.attached(model.uri());
        if (running.isEmpty() && attached.isEmpty()) {
            return;
        }
        // attached orderers report no term (Fabric's metrics have none): their hint is the role alone
        boolean terms = running.isPresent();
        NetworkSnapshot s = running.isPresent() ? running.get().snapshot() : attached.get().snapshot();
        ConsenterLayout.of(model, s.profile()).ifPresent(layout -> {
            for (NodeState node : s.nodes()) {
                layout.entry(node.host(), node.port()).ifPresent(e -> {
                    int line = e.range().getStart().getLine();
                    StringBuilder label = new StringBuilder("●");
                    for (String ch : s.channels()) {
                        label.append(' ').append(s.channels().size() > 1 ? ch + ": " : "")
                                .append(!terms && !node.running() ? "unreachable" : node.role(ch));
                        if (terms) {
                            label.append(" · term ").append(node.term(ch));
                        }
                    }
                    InlayHint hint = new InlayHint(new Position(line, model.line(line).length()), Either.forLeft(label.toString()));
                    hint.setKind(InlayHintKind.Type);
                    hint.setPaddingLeft(true);
                    out.add(hint);
                });
            }
        });
    }
}
