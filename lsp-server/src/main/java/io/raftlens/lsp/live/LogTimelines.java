package io.raftlens.lsp.live;

import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.raft.logs.ChannelTimeline;
import io.raftlens.raft.logs.Timeline;
import io.raftlens.raft.logs.TimelineJson;
import io.raftlens.raft.logs.TimelineReader;
import io.raftlens.raft.logs.TimelineSvg;
import io.raftlens.raft.logs.TimelineText;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * {@code raftlens.timelineFromLogs}: the election timeline of real orderer logs (raft-runtime's
 * {@code io.raftlens.raft.logs}, as {@code raftlens timeline} reads them) for the editor's timeline webview
 * ({@code {title, markdown, svg}}; also {@code json}, as {@code raftlens timeline --format json}, and the
 * {@code findings} as a list), and the timeline's findings kept per document for {@link LogTimelineDiagnostics}.
 * Argument {@code {"uri": configtx.yaml, "logs": [paths or file URIs], "profile"?, "channel"?}}; without logs, the
 * log of the network launched from {@code uri}. {@code {"uri", "clear": true}} removes the document's findings.
 */
final class LogTimelines {

    static final String COMMAND = "raftlens.timelineFromLogs";

    /** What the logs say about one node (or, with {@code node == null}, the channel), for one diagnostic. */
    record Note(String channel, String node, String severity, String code, String message) {}

    /** The findings of the last logs read for a document, and the etcdraft profile they are about. */
    record Report(Optional<String> profile, List<String> sources, List<Note> notes) {}

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final LiveNetworks networks;
    private final Map<String, Report> reports = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "raftlens-log-timeline");
        t.setDaemon(true);
        return t;
    });

    LogTimelines(LiveNetworks networks) {
        this.networks = networks;
        LaunchLog.get(); // capture the launches' log from the start
    }

    Optional<Report> report(String uri) {
        return Optional.ofNullable(reports.get(uri));
    }

    CompletableFuture<Object> execute(List<Object> arguments) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return run(CommandArguments.of(COMMAND, arguments));
            } catch (IllegalArgumentException | IllegalStateException e) {
                LanguageClient client = networks.editor().client();
                if (client != null) {
                    client.showMessage(new MessageParams(MessageType.Error, "RaftLens: " + e.getMessage()));
                }
                return Map.of("error", e.getMessage());
            }
        }, worker);
    }

    private Object run(CommandArguments args) {
        String uri = args.uri();
        if (args.flag("clear")) {
            boolean had = reports.remove(uri) != null;
            networks.editor().revalidate(uri);
            return Map.of("cleared", had);
        }
        String channel = args.string("channel").orElse(null);
        Timeline timeline = new Timeline(channel);
        List<String> logs = args.strings("logs");
        List<String> sources = new ArrayList<>();
        if (logs.isEmpty()) {
            LiveNetwork n = networks.network(uri).orElseThrow(() -> new IllegalArgumentException(COMMAND
                    + ": no log files given and no network is running for " + LiveNetworks.fileName(uri)
                    + "; pass {\"logs\": [\"orderer1.log\", …]} (docker logs / kubectl logs output) or launch the network first"));
            for (String line : LaunchLog.get().since(n.startedAt())) {
                timeline.line(line, "raftlens");
            }
            sources.add("the network launched from " + LiveNetworks.fileName(uri) + " at "
                    + TIME.format(Instant.ofEpochMilli(n.launchedAt())) + " UTC");
        } else {
            for (String log : logs) {
                Path file = path(log);
                read(file, timeline);
                sources.add(file.getFileName().toString());
            }
        }
        timeline.finish();
        Optional<String> profile = args.string("profile");
        Optional<DocumentModel> model = networks.editor().model(uri);
        if (profile.isPresent() && model.isPresent() && ConsenterLayout.of(model.get(), profile.get()).isEmpty()) {
            throw new IllegalArgumentException(COMMAND + ": profile " + profile.get() + " of " + LiveNetworks.fileName(uri)
                    + " is not an etcdraft profile with consenters");
        }
        List<Note> notes = notes(timeline);
        reports.put(uri, new Report(profile, List.copyOf(sources), notes));
        networks.editor().revalidate(uri);
        Map<String, Object> out = new LinkedHashMap<>();
        String title = "Election timeline from " + String.join(", ", sources);
        out.put("title", title);
        if (timeline.channels().isEmpty()) {
            out.put("markdown", "No Raft election lines found in " + timeline.lines() + " lines"
                    + (channel == null ? "" : " for channel " + channel)
                    + " (expected etcdraft lines such as `1 became leader at term 2 channel=mychannel node=1`).\n");
        } else {
            out.put("markdown", TimelineText.markdown(timeline));
            out.put("svg", TimelineSvg.svg(timeline));
        }
        out.put("channels", timeline.channels().stream().map(ChannelTimeline::name).toList());
        out.put("lines", timeline.lines());
        out.put("json", TimelineJson.write(timeline));
        List<Map<String, Object>> findings = new ArrayList<>();
        for (ChannelTimeline ch : timeline.channels()) {
            for (ChannelTimeline.Finding f : ch.findings()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("channel", ch.name());
                m.put("kind", f.kind());
                m.put("severity", f.severity());
                m.put("node", f.node());
                m.put("message", f.message());
                findings.add(m);
            }
        }
        out.put("findings", findings);
        out.put("consenters", matched(model, profile, timeline));
        return out;
    }

    /** Which log node (writer or leader) is which consenter line: {@code {"3": "orderer3.example.com:7050"}}. */
    private static Map<String, String> matched(Optional<DocumentModel> model, Optional<String> profile, Timeline timeline) {
        Map<String, String> out = new LinkedHashMap<>();
        Optional<ConsenterLayout> layout = model.flatMap(m -> layout(m, profile));
        if (layout.isEmpty()) {
            return out;
        }
        for (ChannelTimeline ch : timeline.channels()) {
            List<String> named = new ArrayList<>(ch.nodes()); // the nodes that wrote lines, then the leaders they name
            ch.leaderByTerm().values().forEach(c -> named.add(c.to()));
            for (String node : named) {
                LogNodes.consenter(layout.get(), node).ifPresent(e -> out.putIfAbsent(node, e.address()));
            }
        }
        return out;
    }

    /** The profile asked for, else the document's first etcdraft profile with consenters. */
    static Optional<ConsenterLayout> layout(DocumentModel model, Optional<String> profile) {
        return profile.isPresent() ? ConsenterLayout.of(model, profile.get()) : ConsenterLayout.of(model).stream().findFirst();
    }

    private static Path path(String log) {
        Path file;
        try {
            file = log.startsWith("file:") ? Path.of(URI.create(log)) : Path.of(log);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(COMMAND + ": " + log + " is not a file path or file URI");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(COMMAND + ": " + file + " is a directory; pick the log files in it");
        }
        return file;
    }

    private static void read(Path file, Timeline timeline) {
        try {
            TimelineReader.read(file, timeline);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(COMMAND + ": no such log file: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException(COMMAND + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Every finding, and per channel who the logs last saw leading (information, on that consenter's line). */
    private static List<Note> notes(Timeline timeline) {
        List<Note> out = new ArrayList<>();
        for (ChannelTimeline ch : timeline.channels()) {
            for (ChannelTimeline.Finding f : ch.findings()) {
                out.add(new Note(ch.name(), f.node(), f.severity(), f.kind(), ch.name() + ": " + f.message()));
            }
            ch.leaderByTerm().values().stream().max(Comparator.comparingLong(ChannelTimeline.LeaderChange::term))
                    .filter(c -> !c.to().equals("0"))
                    .ifPresent(c -> out.add(new Note(ch.name(), c.to(), "info", "leader", ch.name() + ": node " + c.to()
                            + " is the last leader in the logs (term " + c.term() + (c.time() == io.raftlens.raft.logs.DecodedLine.NO_TIME
                            ? "" : ", since " + TIME.format(Instant.ofEpochMilli(c.time())) + " UTC") + ")")));
        }
        return out;
    }

    void close() {
        worker.shutdownNow();
    }
}
