package io.raftlens.lsp.live;

import io.raftlens.raft.ids.NodeId;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.LspSettings;
import io.raftlens.lsp.features.diagnostics.DiagnosticsParticipant;
import io.raftlens.raft.network.NetworkSnapshot;
import io.raftlens.raft.network.NodeState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * Diagnostics with source {@code raft} while a network runs from the document: the latest election note
 * of each consenter on its line, "quorum lost" on the Consenters key, and a warning when the file has been
 * edited since the launch. None once the network stops.
 */
final class LiveDiagnostics implements DiagnosticsParticipant {

    static final String SOURCE = "raft";
    static final String ELECTION = "raft-election";
    static final String QUORUM_LOST = "raft-quorum-lost";
    static final String CONFIG_CHANGED = "raft-config-changed";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final LiveNetworks networks;

    LiveDiagnostics(LiveNetworks networks) {
        this.networks = networks;
    }

    @Override
    public void collect(DocumentModel model, LspSettings settings, List<Diagnostic> out, CancelChecker cancel) {
        Optional<LiveNetwork> running = networks.network(model.uri());
        if (running.isEmpty()) {
            return;
        }
        LiveNetwork n = running.get();
        NetworkSnapshot s = n.snapshot();
        Optional<ConsenterLayout> found = ConsenterLayout.of(model, s.profile());
        Range header = found.map(l -> line(model, l.header())).orElse(new Range(new Position(0, 0), new Position(0, 0)));
        if (!model.text().equals(n.launchedText())) {
            out.add(diagnostic(header, DiagnosticSeverity.Warning, CONFIG_CHANGED, "The running network uses the configuration"
                    + " launched at " + TIME.format(Instant.ofEpochMilli(n.launchedAt())) + " UTC, not your edits; restart it to apply them"));
        }
        for (String ch : s.channels()) {
            if (s.running() < s.quorum()) {
                out.add(diagnostic(header, DiagnosticSeverity.Error, QUORUM_LOST, ch + ": quorum lost: " + s.running() + "/"
                        + s.nodes().size() + " nodes running — no leader, ordering halted"));
            }
            if (found.isEmpty()) {
                continue;
            }
            boolean hasLeader = s.leader(ch).isPresent();
            for (Map.Entry<NodeId, ElectionJournal.Note> e : n.journal().notes(ch).entrySet()) {
                Optional<NodeState> node = s.node(e.getKey());
                Optional<ConsenterLayout.Entry> entry = node.flatMap(x -> found.get().entry(x.host(), x.port()));
                if (entry.isEmpty()) {
                    continue;
                }
                ElectionJournal.Note note = e.getValue();
                DiagnosticSeverity severity = note.kind() == ElectionJournal.Kind.LOST_LEADER && !hasLeader
                        ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
                out.add(diagnostic(line(model, entry.get().range()), severity, ELECTION, note.message()));
            }
        }
    }

    /** From {@code at} to the end of its line: the whole consenter line is underlined. */
    private static Range line(DocumentModel model, Range at) {
        int line = at.getStart().getLine();
        return new Range(at.getStart(), new Position(line, Math.max(at.getStart().getCharacter(), model.line(line).length())));
    }

    private static Diagnostic diagnostic(Range range, DiagnosticSeverity severity, String code, String message) {
        Diagnostic d = new Diagnostic(range, message, severity, SOURCE, code);
        return d;
    }
}
