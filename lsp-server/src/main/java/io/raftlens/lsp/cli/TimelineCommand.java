package io.raftlens.lsp.cli;

import io.raftlens.raft.logs.Timeline;
import io.raftlens.raft.logs.TimelineJson;
import io.raftlens.raft.logs.TimelineReader;
import io.raftlens.raft.logs.TimelineSvg;
import io.raftlens.raft.logs.TimelineText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code raftlens timeline [--format text|json|markdown|svg] [--channel CH] LOG…}: election timelines from real
 * orderer logs (files, or {@code -} for stdin), streamed. Exit 0 with a timeline, 1 when the logs hold no
 * election events, 2 on a usage error or unreadable file.
 */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = {"Reconstruct the Raft elections of each channel from real orderer logs.",
                "Reads Fabric 1.4/2.x/3.x console and JSON logging, docker/compose/kubectl/journald prefixes and colours;",
                "several orderers mixed in one stream is fine."})
public final class TimelineCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { text, json, markdown, svg }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json, markdown or svg (one lane per node over time).")
    Format format;

    @Option(names = "--channel", paramLabel = "CH", description = "Only this channel.")
    String channel;

    @Parameters(paramLabel = "LOG", arity = "1..*",
            description = "Orderer log files (docker logs, kubectl logs, journal…); '-' reads standard input.")
    List<String> logs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Timeline timeline = new Timeline(channel);
        for (String log : logs) {
            try {
                if (log.equals("-")) {
                    TimelineReader.read(System.in, "stdin", timeline);
                } else {
                    Path file = Path.of(log);
                    if (Files.isDirectory(file)) {
                        err.println("raftlens timeline: " + log + " is a directory; pass the log files in it (e.g. " + log + "/*.log)");
                        err.flush();
                        return 2;
                    }
                    TimelineReader.read(file, timeline);
                }
            } catch (NoSuchFileException e) {
                err.println("raftlens timeline: no such file: " + log);
                err.flush();
                return 2;
            } catch (IOException e) {
                err.println("raftlens timeline: cannot read " + log + ": " + e.getMessage());
                err.flush();
                return 2;
            }
        }
        timeline.finish();
        switch (format) {
            case json -> {
                TimelineJson.write(timeline, out);
                out.println();
            }
            case markdown -> out.print(TimelineText.markdown(timeline));
            case svg -> out.print(TimelineSvg.svg(timeline));
            default -> out.print(TimelineText.text(timeline));
        }
        out.flush();
        if (timeline.channels().isEmpty()) {
            err.println("raftlens timeline: no Raft election lines found in " + timeline.lines() + " lines"
                    + (channel == null ? "" : " for channel " + channel)
                    + " (expected etcdraft lines such as '1 became leader at term 2 channel=mychannel node=1')");
            err.flush();
            return 1;
        }
        return 0;
    }
}
