package io.raftlens.lsp.live;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.lsp.features.lens.CodeLensParticipant;
import io.raftlens.raft.network.NetworkSnapshot;
import io.raftlens.raft.network.NodeState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * Code lenses of the live network. Above the EtcdRaft Consenters key: "▶ Launch network (5 consenters ·
 * mychannel)" and "⇄ Attach to running network", or while running "■ Stop · leader orderer3.example.com · term 2 ·
 * height 12" and the election timeline. Above each consenter of the running profile: its role, term, leader and
 * height per channel, then the actions valid now (Stop, Kill, Isolate or Heal, Make leader; Start when stopped).
 * Attached orderers ({@link AttachedNetwork}) get the same status lenses from their metrics — role, leader, height,
 * no term (Fabric's metrics have none) — and "■ Detach", but no actions: RaftLens does not control them.
 */
final class LiveLenses implements CodeLensParticipant {

    private final LiveNetworks networks;

    LiveLenses(LiveNetworks networks) {
        this.networks = networks;
    }

    @Override
    public void lenses(DocumentModel model, List<CodeLens> out, CancelChecker cancel) {
        List<ConsenterLayout> layouts = ConsenterLayout.of(model);
        Optional<LiveNetwork> running = networks.network(model.uri());
        if (running.isPresent()) {
            NetworkSnapshot s = running.get().snapshot();
            layouts.stream().filter(l -> l.profile().equals(s.profile())).findFirst()
                    .ifPresent(l -> runningLenses(model.uri(), l, s, out));
            return;
        }
        Optional<AttachedNetwork> attached = networks.attached(model.uri());
        if (attached.isPresent()) {
            AttachedNetwork a = attached.get();
            layouts.stream().filter(l -> l.profile().equals(a.profile())).findFirst()
                    .ifPresent(l -> attachedLenses(model.uri(), l, a, out));
            return;
        }
        Map<Integer, List<ConsenterLayout>> byLine = new LinkedHashMap<>();
        layouts.forEach(l -> byLine.computeIfAbsent(l.header().getStart().getLine(), k -> new ArrayList<>()).add(l));
        for (List<ConsenterLayout> sameSection : byLine.values()) {
            for (ConsenterLayout l : sameSection) {
                String what = sameSection.size() > 1 ? l.profile() : "network";
                out.add(lens(l.header(), "▶ Launch " + what + " (" + l.consenters().size() + " consenters · mychannel)",
                        LiveCommands.LAUNCH, Map.of("uri", model.uri(), "profile", l.profile())));
                out.add(lens(l.header(), "⇄ Attach to running " + (sameSection.size() > 1 ? l.profile() : "network"),
                        LiveCommands.ATTACH, Map.of("uri", model.uri(), "profile", l.profile())));
            }
        }
    }

    private static void runningLenses(String uri, ConsenterLayout layout, NetworkSnapshot s, List<CodeLens> out) {
        StringBuilder title = new StringBuilder("■ Stop");
        for (String ch : s.channels()) {
            title.append(" · ");
            if (s.channels().size() > 1) {
                title.append(ch).append(": ");
            }
            title.append("leader ").append(s.leader(ch).map(NodeState::host).orElse("none"))
                    .append(" · term ").append(s.term(ch)).append(" · height ").append(s.height(ch));
        }
        out.add(lens(layout.header(), title.toString(), LiveCommands.STOP, Map.of("uri", uri)));
        out.add(lens(layout.header(), "Election timeline", LiveCommands.TIMELINE, Map.of("uri", uri)));
        for (NodeState node : s.nodes()) {
            Optional<ConsenterLayout.Entry> entry = layout.entry(node.host(), node.port());
            if (entry.isEmpty()) {
                continue; // edited away since the launch; the config-changed warning says so
            }
            Range at = entry.get().range();
            out.add(new CodeLens(at, new Command(status(node, s), ""), null));
            Map<String, Object> arg = Map.of("uri", uri, "node", node.id().value());
            if (!node.running()) {
                out.add(lens(at, "Start", LiveCommands.START_NODE, arg));
                continue;
            }
            out.add(lens(at, "Stop", LiveCommands.STOP_NODE, arg));
            out.add(lens(at, "Kill", LiveCommands.KILL_NODE, arg));
            out.add(node.isolated() ? lens(at, "Heal", LiveCommands.HEAL, arg) : lens(at, "Isolate", LiveCommands.ISOLATE_NODE, arg));
            if (s.channels().stream().anyMatch(ch -> !node.role(ch).isLeader())) {
                out.add(lens(at, "Make leader", LiveCommands.TRANSFER_LEADER, Map.of("uri", uri, "to", node.id().value())));
            }
        }
    }

    /** Read-only lenses of attached orderers: "■ Detach · leader … · height N" and each consenter's metrics. */
    private static void attachedLenses(String uri, ConsenterLayout layout, AttachedNetwork a, List<CodeLens> out) {
        NetworkSnapshot s = a.snapshot();
        StringBuilder title = new StringBuilder("■ Detach");
        if (s.channels().isEmpty()) {
            title.append(" · no channel reported yet");
        }
        for (String ch : s.channels()) {
            title.append(" · ");
            if (s.channels().size() > 1) {
                title.append(ch).append(": ");
            }
            title.append("leader ").append(s.leader(ch).map(NodeState::host).orElse("none")).append(" · height ").append(s.height(ch));
        }
        title.append(" · attached");
        out.add(lens(layout.header(), title.toString(), LiveCommands.DETACH, Map.of("uri", uri)));
        for (ConsenterLayout.Entry entry : layout.consenters()) {
            String address = entry.address();
            Optional<NodeState> node = s.nodes().stream().filter(n -> n.host().equals(entry.host()) && n.port() == entry.port()).findFirst();
            String text;
            if (a.consenters().stream().noneMatch(c -> c.address().equals(address))) {
                text = "not followed (added since attaching; attach again)";
            } else if (a.url(address).isEmpty()) {
                text = "no operations endpoint (see the problem on this line)";
            } else if (a.statuses().get(address) == null) {
                text = "waiting for the first answer from " + a.url(address).get();
            } else if (node.isEmpty() || !node.get().running()) {
                text = "unreachable at " + a.url(address).get();
            } else {
                text = attachedStatus(node.get(), s, a.statuses().get(address), a.participation().get(address));
            }
            out.add(new CodeLens(entry.range(), new Command(text, ""), null));
        }
    }

    /** "leader · height 12 · active 3/3", per channel; the leader named on followers' lines. */
    static String attachedStatus(NodeState node, NetworkSnapshot s, io.raftlens.raft.attach.OrdererStatus polled) {
        return attachedStatus(node, s, polled, null);
    }

    /** … and, where the channel participation API answered, "· consenter, active" (or "· not joined") per channel. */
    static String attachedStatus(NodeState node, NetworkSnapshot s, io.raftlens.raft.attach.OrdererStatus polled,
                                 io.raftlens.raft.attach.ParticipationStatus joined) {
        boolean api = joined != null && joined.reachable();
        List<String> parts = new ArrayList<>();
        // with the API, each followed channel says whether the orderer joined it; without, no metrics means nothing to say
        boolean nothing = api ? s.channels().isEmpty() : node.channels().isEmpty();
        if (nothing) {
            parts.add(api ? "reachable · no channel joined" : "reachable · no etcdraft channel in its metrics");
        }
        for (String ch : nothing ? List.<String>of() : s.channels()) {
            String prefix = s.channels().size() > 1 ? ch + ": " : "";
            Optional<io.raftlens.raft.network.ChannelState> cs = node.channel(ch);
            if (cs.isEmpty()) {
                parts.add(prefix + (api ? "not joined" : "not on the channel"));
                continue;
            }
            StringBuilder p = new StringBuilder(prefix).append(cs.get().role().label());
            if (!cs.get().role().isLeader()) {
                p.append(" · leader ").append(s.name(node.leader(ch)));
            }
            p.append(" · height ").append(cs.get().height());
            io.raftlens.raft.attach.OrdererStatus.ChannelStatus m = polled == null ? null : polled.channels().get(ch);
            if (m != null && m.activeNodes() >= 0 && m.clusterSize() > 0 && cs.get().role().isLeader()) {
                p.append(" · active ").append(m.activeNodes()).append('/').append(m.clusterSize());
            }
            if (api && joined.channels().containsKey(ch)) {
                p.append(" · ").append(io.raftlens.raft.attach.ParticipationStatus.describe(joined.channels().get(ch)));
            }
            parts.add(p.toString());
        }
        String health = polled == null || polled.health() == null || polled.health().equals("OK") ? "" : " · health: " + polled.health();
        return String.join(" | ", parts) + health;
    }

    /** "leader · term 2 · leader orderer3.example.com · height 12", per channel when there are several. */
    static String status(NodeState node, NetworkSnapshot s) {
        List<String> parts = new ArrayList<>();
        for (String ch : s.channels()) {
            String p = (s.channels().size() > 1 ? ch + ": " : "") + node.role(ch) + " · term " + node.term(ch)
                    + " · leader " + s.name(node.leader(ch)) + " · height " + node.height(ch);
            parts.add(p);
        }
        return (node.isolated() ? "isolated · " : "") + String.join(" | ", parts);
    }

    private static CodeLens lens(Range at, String title, String command, Map<String, Object> argument) {
        return new CodeLens(at, new Command(title, command, List.of(argument)), null);
    }
}
