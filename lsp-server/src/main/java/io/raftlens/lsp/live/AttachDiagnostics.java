package io.raftlens.lsp.live;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.LspSettings;
import io.raftlens.lsp.features.diagnostics.DiagnosticsParticipant;
import io.raftlens.raft.attach.EndpointMapping;
import io.raftlens.raft.attach.OrdererStatus;
import io.raftlens.raft.attach.ParticipationStatus;
import io.raftlens.raft.fabric.participation.ChannelInfo;
import io.raftlens.raft.fabric.participation.ChannelStatus;
import io.raftlens.raft.fabric.participation.ConsensusRelation;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * Diagnostics (source {@code raft}) while the document is attached to running orderers: on a consenter's line, an
 * operations endpoint that does not answer (since when, and why), one that answers unhealthy, no endpoint at all
 * (and how to give one), and the leader changes seen since attaching; on the Consenters key, quorum at risk (the
 * leader sees fewer than a majority active, or too many orderers do not answer) and mapping entries that name no
 * consenter. Where a consenter's channel participation API is known: a channel it has not joined, joined other than as
 * a consenter, onboarding, inactive or failed, and an API that does not answer. None once detached.
 */
final class AttachDiagnostics implements DiagnosticsParticipant {

    static final String UNREACHABLE = "raft-attach-unreachable";
    static final String UNHEALTHY = "raft-attach-unhealthy";
    static final String NO_ENDPOINT = "raft-attach-no-endpoint";
    static final String LEADER_CHANGES = "raft-attach-leader-changes";
    static final String QUORUM_AT_RISK = "raft-attach-quorum-at-risk";
    static final String MAPPING = "raft-attach-mapping";
    static final String NOT_JOINED = "raft-attach-not-joined";
    static final String NOT_CONSENTER = "raft-attach-not-consenter";
    static final String ONBOARDING = "raft-attach-onboarding";
    static final String INACTIVE = "raft-attach-inactive";
    static final String ADMIN_UNREACHABLE = "raft-attach-admin-unreachable";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final LiveNetworks networks;

    AttachDiagnostics(LiveNetworks networks) {
        this.networks = networks;
    }

    @Override
    public void collect(DocumentModel model, LspSettings settings, List<Diagnostic> out, CancelChecker cancel) {
        Optional<AttachedNetwork> attached = networks.attached(model.uri());
        if (attached.isEmpty()) {
            return;
        }
        AttachedNetwork a = attached.get();
        Optional<ConsenterLayout> layout = ConsenterLayout.of(model, a.profile());
        Range header = layout.map(l -> line(model, l.header())).orElse(new Range(new Position(0, 0), new Position(0, 0)));
        for (String risk : a.risks()) {
            out.add(diagnostic(header, DiagnosticSeverity.Error, QUORUM_AT_RISK, risk));
        }
        for (String problem : a.mapping().problems()) {
            out.add(diagnostic(header, DiagnosticSeverity.Warning, MAPPING, problem));
        }
        for (String problem : a.adminMapping().problems()) {
            if (!a.mapping().problems().contains(problem)) { // an unreadable orderer.yaml is said once
                out.add(diagnostic(header, DiagnosticSeverity.Warning, MAPPING, problem));
            }
        }
        if (layout.isEmpty()) {
            return;
        }
        for (EndpointMapping.Missing m : a.mapping().missing()) {
            entry(layout.get(), m.consenter()).ifPresent(e ->
                    out.add(diagnostic(line(model, e.range()), DiagnosticSeverity.Warning, NO_ENDPOINT, m.why())));
        }
        participation(model, a, layout.get(), out);
        for (EndpointMapping.Consenter c : a.consenters()) {
            Optional<ConsenterLayout.Entry> entry = entry(layout.get(), c);
            OrdererStatus s = a.statuses().get(c.address());
            if (entry.isEmpty() || s == null) {
                continue;
            }
            Range at = line(model, entry.get().range());
            if (!s.reachable()) {
                String since = a.unreachableSince(c.address()).map(t -> " (since " + TIME.format(Instant.ofEpochMilli(t)) + " UTC)").orElse("");
                out.add(diagnostic(at, DiagnosticSeverity.Warning, UNREACHABLE, c.host() + " does not answer on its operations endpoint"
                        + since + ": " + s.error()));
                continue;
            }
            if (s.health() != null && !s.health().equals("OK") && !s.health().equals("no /healthz")) {
                out.add(diagnostic(at, DiagnosticSeverity.Warning, UNHEALTHY, c.host() + " /healthz: " + s.health()));
            }
            for (String note : leaderNotes(a, c, s)) {
                out.add(diagnostic(at, DiagnosticSeverity.Information, LEADER_CHANGES, note));
            }
        }
    }

    /**
     * What the channel participation API says about each consenter of the profile on each channel followed: not joined,
     * joined but not as a consenter, onboarding (still pulling blocks), inactive or failed; and an API that does not
     * answer (with how to give a client certificate when it wanted one).
     */
    private static void participation(DocumentModel model, AttachedNetwork a, ConsenterLayout layout, List<Diagnostic> out) {
        List<String> channels = a.snapshot().channels();
        for (EndpointMapping.Consenter c : a.consenters()) {
            Optional<ConsenterLayout.Entry> entry = entry(layout, c);
            ParticipationStatus p = a.participation().get(c.address());
            if (entry.isEmpty() || p == null) {
                continue;
            }
            Range at = line(model, entry.get().range());
            String url = a.adminUrl(c.address()).orElse("");
            if (!p.reachable()) {
                out.add(diagnostic(at, DiagnosticSeverity.Warning, ADMIN_UNREACHABLE, c.host()
                        + " does not answer on its channel participation API: " + p.error()));
                continue;
            }
            for (String ch : channels) {
                ChannelInfo info = p.channels().get(ch);
                if (info == null) {
                    out.add(diagnostic(at, DiagnosticSeverity.Warning, NOT_JOINED, c.host() + " has not joined " + ch
                            + " (its channel participation API lists " + (p.channels().isEmpty() ? "no channel"
                            : String.join(", ", p.channels().keySet())) + "); join it with osnadmin channel join --channelID " + ch
                            + " --config-block <the channel's genesis or latest config block> -o " + url.replaceFirst("^https?://", "")));
                    continue;
                }
                if (info.consensusRelation() != ConsensusRelation.CONSENTER) {
                    out.add(diagnostic(at, DiagnosticSeverity.Warning, NOT_CONSENTER, c.host() + " is a "
                            + info.consensusRelation().json() + " of " + ch + ", not a consenter: the running channel's config"
                            + " does not list it in its consenter set, though this profile does (a channel config update adds it)"));
                }
                if (info.status() == ChannelStatus.ONBOARDING) {
                    out.add(diagnostic(at, DiagnosticSeverity.Information, ONBOARDING, c.host() + " is onboarding " + ch
                            + ": still pulling the channel's blocks (height " + info.height() + "); it takes part once it has caught up"));
                } else if (info.status() == ChannelStatus.INACTIVE || info.status() == ChannelStatus.FAILED) {
                    out.add(diagnostic(at, DiagnosticSeverity.Warning, INACTIVE, c.host() + " is " + info.status().json() + " on " + ch
                            + " (" + info.consensusRelation().json() + ", height " + info.height() + ")"
                            + (info.status() == ChannelStatus.FAILED ? ": the last channel operation failed; see the orderer's log"
                            : ": it stores no blocks for the channel (being removed?)")));
                }
            }
        }
    }

    /** "mychannel: 2 leader changes since attaching at 10:00:00 UTC (consensus_etcdraft_leader_changes 1 → 3); leader now …". */
    private static List<String> leaderNotes(AttachedNetwork a, EndpointMapping.Consenter c, OrdererStatus now) {
        List<String> out = new ArrayList<>();
        Optional<OrdererStatus> first = a.first(c.address());
        String since = TIME.format(Instant.ofEpochMilli(a.attachedAt())) + " UTC";
        for (OrdererStatus.ChannelStatus ch : now.channels().values()) {
            long before = first.map(f -> f.channels().get(ch.channel())).map(OrdererStatus.ChannelStatus::leaderChanges).orElse(-1L);
            List<AttachedNetwork.LeaderChange> seen = a.leaderChanges().stream()
                    .filter(l -> l.channel().equals(ch.channel()) && l.to() == c.id()).toList();
            StringBuilder note = new StringBuilder();
            if (before >= 0 && ch.leaderChanges() > before) {
                long n = ch.leaderChanges() - before;
                note.append(ch.channel()).append(": ").append(n).append(n == 1 ? " leader change" : " leader changes")
                        .append(" seen by ").append(c.host()).append(" since attaching at ").append(since)
                        .append(" (consensus_etcdraft_leader_changes ").append(before).append(" → ").append(ch.leaderChanges()).append(')');
            }
            if (!seen.isEmpty()) {
                AttachedNetwork.LeaderChange last = seen.get(seen.size() - 1);
                if (note.length() == 0) {
                    note.append(ch.channel()).append(": ");
                } else {
                    note.append("; ");
                }
                note.append("became leader at ").append(TIME.format(Instant.ofEpochMilli(last.at()))).append(" UTC (was ")
                        .append(a.name(last.from())).append(')');
            }
            if (note.length() > 0) {
                out.add(note.toString());
            }
        }
        return out;
    }

    private static Optional<ConsenterLayout.Entry> entry(ConsenterLayout layout, EndpointMapping.Consenter c) {
        return layout.entry(c.host(), c.port());
    }

    /** From {@code at} to the end of its line: the whole consenter line is underlined. */
    private static Range line(DocumentModel model, Range at) {
        int line = at.getStart().getLine();
        return new Range(at.getStart(), new Position(line, Math.max(at.getStart().getCharacter(), model.line(line).length())));
    }

    private static Diagnostic diagnostic(Range range, DiagnosticSeverity severity, String code, String message) {
        return new Diagnostic(range, message, severity, LiveDiagnostics.SOURCE, code);
    }
}
