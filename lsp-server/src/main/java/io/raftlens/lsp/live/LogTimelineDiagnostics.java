package io.raftlens.lsp.live;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.LspSettings;
import io.raftlens.lsp.features.diagnostics.DiagnosticsParticipant;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * Diagnostics with source {@code raftlens-timeline}: the findings of the orderer logs last read for the document
 * ({@code raftlens.timelineFromLogs}) on the line of the consenter they are about, placed anew on every edit. A
 * finding about the whole channel, or about a node no consenter matches, goes on the Consenters key.
 */
final class LogTimelineDiagnostics implements DiagnosticsParticipant {

    static final String SOURCE = "raftlens-timeline";

    private final LogTimelines timelines;

    LogTimelineDiagnostics(LogTimelines timelines) {
        this.timelines = timelines;
    }

    @Override
    public void collect(DocumentModel model, LspSettings settings, List<Diagnostic> out, CancelChecker cancel) {
        Optional<LogTimelines.Report> report = timelines.report(model.uri());
        if (report.isEmpty()) {
            return;
        }
        Optional<ConsenterLayout> layout = LogTimelines.layout(model, report.get().profile());
        Range header = layout.map(l -> line(model, l.header())).orElse(new Range(new Position(0, 0), new Position(0, 0)));
        for (LogTimelines.Note n : report.get().notes()) {
            Optional<ConsenterLayout.Entry> entry = layout.flatMap(l -> LogNodes.consenter(l, n.node()));
            String message = n.message();
            if (entry.isEmpty() && n.node() != null) {
                if (n.severity().equals("info")) {
                    continue; // a leader no consenter line matches is not worth a mark on the header
                }
                message += " (log node " + n.node() + " matches no consenter of " + layout.map(ConsenterLayout::profile)
                        .orElse("this file") + " by Raft id or host name)";
            }
            out.add(new Diagnostic(entry.map(e -> line(model, e.range())).orElse(header), message, severity(n.severity()),
                    SOURCE, n.code()));
        }
    }

    private static DiagnosticSeverity severity(String s) {
        return switch (s) {
            case "error" -> DiagnosticSeverity.Error;
            case "warning" -> DiagnosticSeverity.Warning;
            default -> DiagnosticSeverity.Information;
        };
    }

    /** From {@code at} to the end of its line, as the live network's diagnostics underline a consenter. */
    private static Range line(DocumentModel model, Range at) {
        int line = at.getStart().getLine();
        return new Range(at.getStart(), new Position(line, Math.max(at.getStart().getCharacter(), model.line(line).length())));
    }
}
