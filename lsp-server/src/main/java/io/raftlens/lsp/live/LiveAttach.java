package io.raftlens.lsp.live;

import io.raftlens.config.fabric.FileKind;
import io.raftlens.config.value.GoDuration;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.raft.attach.EndpointMapping;
import io.raftlens.raft.attach.OrdererStatus;
import io.raftlens.raft.attach.ParticipationStatus;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code raftlens.attachNetwork}: follow the running orderers of the open configtx.yaml's etcdraft profile. Argument
 * {@code {"uri", "profile"?, "position"?, "channel"?, "endpoints"?: {"host:port": "http(s)://…"}, "interval"?: "2s",
 * "caFile"?, "certFile"?, "keyFile"?, "admin"?: {"host:port": "https://…"}}}; endpoints not given come from the
 * orderer.yaml files beside the configtx.yaml ({@link EndpointMapping}: Operations.ListenAddress for the metrics,
 * Admin.ListenAddress for the channel participation API, read with the same TLS files). Answers what it attached to: each consenter's endpoint and where it came from, those
 * with none and why, and the first poll's reachable count.
 */
final class LiveAttach {

    /** What the editor setting is called in messages (the VS Code extension passes it as {@code "endpoints"}). */
    static final String SETTING = "raftlens.attach.endpoints";
    /** The channel participation APIs' setting (passed as {@code "admin"}). */
    static final String ADMIN_SETTING = "raftlens.attach.admin";

    private final LiveNetworks networks;

    LiveAttach(LiveNetworks networks) {
        this.networks = networks;
    }

    /**
     * Sets the attachment up (on the command thread, quickly) and answers once the first poll has: the poll runs on the
     * attachment's own thread, so other commands go ahead while an orderer takes its time to answer (or never does).
     */
    CompletableFuture<Object> attach(String uri, CommandArguments args) {
        DocumentModel model = networks.editor().model(uri).orElseThrow(() -> new IllegalArgumentException(
                LiveNetworks.fileName(uri) + " is not open; open it to attach to its network"));
        if (model.kind().orElse(null) != FileKind.CONFIGTX) {
            throw new IllegalArgumentException(LiveNetworks.fileName(uri)
                    + " is not a configtx.yaml file; open the channel configuration whose consenters run");
        }
        List<ConsenterLayout> layouts = ConsenterLayout.of(model);
        if (layouts.isEmpty()) {
            throw new IllegalArgumentException(LiveNetworks.fileName(uri)
                    + " has no profile with an etcdraft Orderer and Consenters; attach follows the consenters a profile lists");
        }
        Optional<String> asked = args.string("profile").or(() -> args.position().flatMap(p -> ConsenterLayout.profileAt(model, p)));
        ConsenterLayout layout;
        if (asked.isPresent()) {
            layout = layouts.stream().filter(l -> l.profile().equals(asked.get())).findFirst().orElseThrow(() ->
                    new IllegalArgumentException(LiveNetworks.fileName(uri) + ": no etcdraft profile " + asked.get() + " (etcdraft profiles: "
                            + String.join(", ", layouts.stream().map(ConsenterLayout::profile).toList()) + ")"));
        } else if (layouts.size() == 1) {
            layout = layouts.get(0);
        } else {
            throw new IllegalArgumentException(LiveNetworks.fileName(uri) + " has several etcdraft profiles ("
                    + String.join(", ", layouts.stream().map(ConsenterLayout::profile).toList())
                    + "); say which with \"profile\" (or use the Attach lens above that profile's Consenters)");
        }
        List<EndpointMapping.Consenter> consenters = layout.consenters().stream()
                .map(e -> new EndpointMapping.Consenter(e.id(), e.host(), e.port())).toList();
        Path file = model.path();
        EndpointMapping.Result mapping = EndpointMapping.resolve(file, consenters, args.stringMap("endpoints"), SETTING);
        if (mapping.endpoints().isEmpty()) {
            StringBuilder why = new StringBuilder("cannot attach to " + layout.profile() + ": ");
            why.append(mapping.missing().isEmpty() ? "no consenter has an operations endpoint" : mapping.missing().get(0).why());
            if (mapping.missing().size() > 1) {
                why.append(" (and the same for ").append(mapping.missing().size() - 1).append(" more consenters)");
            }
            mapping.problems().forEach(p -> why.append("; ").append(p));
            throw new IllegalArgumentException(why.toString());
        }
        EndpointMapping.Result admin = EndpointMapping.resolveAdmin(file, consenters, args.stringMap("admin"), ADMIN_SETTING);
        Duration interval = interval(args.string("interval").orElse("2s"));
        AttachedNetwork.Options options = new AttachedNetwork.Options(layout.profile(), args.channels(), interval,
                path(args.string("caFile")), path(args.string("certFile")), path(args.string("keyFile")));
        if ((options.certFile() == null) != (options.keyFile() == null)) {
            throw new IllegalArgumentException(LiveCommands.ATTACH + ": \"certFile\" and \"keyFile\" go together (the TLS client"
                    + " certificate for operations endpoints with ClientAuthRequired, and its private key)");
        }
        AttachedNetwork network;
        try {
            network = new AttachedNetwork(uri, options, consenters, mapping, admin, networks::changed, System::currentTimeMillis);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot attach to " + layout.profile() + ": " + e.getMessage(), e);
        }
        networks.attach(network);
        return network.firstPoll().thenApply(done -> answer(uri, layout, mapping, consenters, network, interval));
    }

    private static Object answer(String uri, ConsenterLayout layout, EndpointMapping.Result mapping,
                                 List<EndpointMapping.Consenter> consenters, AttachedNetwork network, Duration interval) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uri", uri);
        out.put("profile", layout.profile());
        Map<String, Object> endpoints = new LinkedHashMap<>();
        for (EndpointMapping.Endpoint e : mapping.endpoints()) {
            endpoints.put(e.consenter().address(), Map.of("url", e.url(), "from", e.source()));
        }
        out.put("endpoints", endpoints);
        Map<String, Object> admins = new LinkedHashMap<>();
        for (EndpointMapping.Endpoint e : network.adminMapping().endpoints()) {
            admins.put(e.consenter().address(), Map.of("url", e.url(), "from", e.source()));
        }
        out.put("admin", admins);
        out.put("missing", mapping.missing().stream().map(m -> Map.of("consenter", m.consenter().address(), "why", m.why())).toList());
        out.put("problems", mapping.problems());
        Map<String, OrdererStatus> first = network.statuses();
        out.put("reachable", first.values().stream().filter(OrdererStatus::reachable).count());
        out.put("adminReachable", network.participation().values().stream().filter(ParticipationStatus::reachable).count());
        out.put("consenters", consenters.size());
        out.put("channels", network.snapshot().channels());
        out.put("interval", interval.toMillis() + "ms");
        return out;
    }

    private static Duration interval(String text) {
        GoDuration.Parsed d = GoDuration.parse(text.trim());
        if (!d.ok()) {
            throw new IllegalArgumentException(LiveCommands.ATTACH + ": \"interval\" " + d.error() + " (e.g. \"2s\", \"500ms\")");
        }
        if (d.value().toMillis() < 100) {
            throw new IllegalArgumentException(LiveCommands.ATTACH + ": \"interval\" " + text + " is below 100ms; poll at most ten times a second");
        }
        return d.value();
    }

    /** A path or a file URI; null when not given. */
    private static Path path(Optional<String> value) {
        if (value.isEmpty()) {
            return null;
        }
        String v = value.get();
        return v.startsWith("file:") ? Path.of(URI.create(v)) : Path.of(v);
    }
}
