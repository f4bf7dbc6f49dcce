package io.raftlens.lsp.features.actions;

import io.raftlens.config.yaml.YamlEntry;
import io.raftlens.config.yaml.YamlMapping;
import io.raftlens.config.yaml.YamlScalar;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.documents.NodeLocator;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/** RAFT001: raise ElectionTick to 10 × HeartbeatTick, the ratio etcd and Fabric's defaults use. */
final class ElectionTickFix implements CodeActionParticipant {

    @Override
    public void actions(CodeActionRequest request, List<CodeAction> out) {
        if (!request.code().equals("RAFT001")) {
            return;
        }
        request.node().map(n -> n.parent()).ifPresent(options -> fix(request, options, out));
    }

    private static void fix(CodeActionRequest request, YamlMapping options, List<CodeAction> out) {
        Optional<YamlEntry> heartbeat = NodeLocator.entry(options, "HeartbeatTick");
        long hb = heartbeat.map(YamlEntry::value).filter(YamlScalar.class::isInstance)
                .map(v -> parse(((YamlScalar) v).value())).orElse(1L);
        if (hb <= 0) {
            return;
        }
        String value = String.valueOf(hb * 10);
        String title = "Set ElectionTick to " + value + " (10 × HeartbeatTick)";
        Optional<YamlEntry> election = NodeLocator.entry(options, "ElectionTick").filter(e -> !e.isInherited());
        if (election.isPresent()) {
            out.add(request.fix(title, true, List.of(new TextEdit(DocumentModel.lsp(election.get().value().range()), value))));
        } else if (heartbeat.isPresent() && !heartbeat.get().isInherited()) {
            YamlEntry hbEntry = heartbeat.get();
            int line = hbEntry.value().range().end().line() + 1;
            String indent = " ".repeat(hbEntry.key().range().start().column());
            out.add(request.fix(title, true, List.of(new TextEdit(new Range(new Position(line, 0), new Position(line, 0)),
                    indent + "ElectionTick: " + value + "\n"))));
        }
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
