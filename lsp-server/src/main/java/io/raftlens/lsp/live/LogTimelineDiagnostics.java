package io.raftlens.lsp.live;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.LspSettings;
import io.raftlens.lsp.features.diagnostics.DiagnosticsParticipant;
import io.raftlens.raft.logs.ChannelTimeline;
import io.raftlens.raft.logs.Timeline;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * The findings of the orderer logs read for this configtx.yaml, as {@code raft-log} diagnostics: on the consenter
 * whose Raft id the finding names (Fabric numbers a channel's consenters 1, 2, 3… in the order of its
 * Consenters list), else on the Consenters key of the first EtcdRaft profile.
 */
final class LogTimelineDiagnostics implements DiagnosticsParticipant {

    static final String SOURCE = "raft-log";

    private final LogTimelines timelines;

    LogTimelineDiagnostics(LogTimelines timelines) {
        this.timelines = timelines;
    }

    @Override
    public void collect(DocumentModel model, LspSettings settings, List<Diagnostic> out, CancelChecker cancel) {
        Optional<Timeline> t = timelines.of(model.uri());
        if (t.isEmpty()) {
            return;
        }
        List<ConsenterLayout> layouts = ConsenterLayout.of(model);
        if (layouts.isEmpty()) {
            return;
        }
        ConsenterLayout layout = layouts.get(0);
        for (ChannelTimeline ch : t.get().channels()) {
            for (ChannelTimeline.Finding f : ch.findings()) {
                Range at = layout.header();
                if (f.node() != null) {
                    Optional<ConsenterLayout.Entry> e = layout.consenters().stream()
                            .filter(c -> String.valueOf(c.id()).equals(f.node())).findFirst();
                    if (e.isPresent()) {
                        at = e.get().range();
                    }
                }
                int line = at.getStart().getLine();
                Range range = new Range(at.getStart(), new Position(line, Math.max(at.getStart().getCharacter(), model.line(line).length())));
                DiagnosticSeverity severity = f.severity().equals("error") ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
                out.add(new Diagnostic(range, "orderer logs, channel " + ch.name() + ": " + f.message(), severity, SOURCE, f.kind()));
            }
        }
    }
}
