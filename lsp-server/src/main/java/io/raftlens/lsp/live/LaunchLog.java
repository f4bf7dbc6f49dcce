package io.raftlens.lsp.live;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.raftlens.raft.logs.LineDecoder;
import io.raftlens.raft.core.Slf4jRaftLogger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The orderer log of the networks this language server launched, kept in memory (the server's stderr goes to the
 * editor's output channel, not to a file): the Raft and cluster lines that can matter to an election timeline
 * ({@link LineDecoder#mayMatter}: heartbeats and block writes are dropped), in Fabric's console layout, the last
 * {@link #MAX_LINES} of them. Read by {@code raftlens.timelineFromLogs} when no log files are given.
 */
final class LaunchLog extends UnsynchronizedAppenderBase<ILoggingEvent> {

    static final int MAX_LINES = 50_000;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final Object INSTALL = new Object();
    private static volatile LaunchLog installed;

    private record Line(long time, String text) {}

    private final ArrayDeque<Line> lines = new ArrayDeque<>();

    /** The JVM's one capture, attached to logback's root logger on first use (none when logback is not the binding). */
    static LaunchLog get() {
        LaunchLog l = installed;
        if (l != null) {
            return l;
        }
        synchronized (INSTALL) {
            if (installed == null) {
                LaunchLog log = new LaunchLog();
                if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
                    log.setContext(context);
                    log.setName("raftlens-launch-log");
                    log.start();
                    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(log);
                }
                installed = log;
            }
            return installed;
        }
    }

    @Override
    protected void append(ILoggingEvent e) {
        String name = e.getLoggerName();
        boolean raft = name.startsWith("orderer.");
        if (!raft && !name.startsWith("io.raftlens.raft.transport")) {
            return;
        }
        String function = e.getMDCPropertyMap().get(Slf4jRaftLogger.FUNCTION_KEY);
        String text = TIME.format(Instant.ofEpochMilli(e.getTimeStamp())) + " UTC 0000 " + level(e) + " ["
                + (raft ? name : "orderer.common.cluster.comm") + "] " + (function == null || function.isEmpty() ? "run" : function)
                + " -> " + e.getFormattedMessage();
        if (!LineDecoder.mayMatter(text)) {
            return;
        }
        synchronized (lines) {
            if (lines.size() == MAX_LINES) {
                lines.removeFirst();
            }
            lines.addLast(new Line(e.getTimeStamp(), text));
        }
    }

    private static String level(ILoggingEvent e) {
        return switch (e.getLevel().toInt()) {
            case ch.qos.logback.classic.Level.ERROR_INT -> "ERRO";
            case ch.qos.logback.classic.Level.WARN_INT -> "WARN";
            case ch.qos.logback.classic.Level.INFO_INT -> "INFO";
            default -> "DEBU";
        };
    }

    /** The lines logged at or after {@code sinceMillis} (a launch's start), oldest first. */
    List<String> since(long sinceMillis) {
        synchronized (lines) {
            List<String> out = new ArrayList<>();
            for (Line l : lines) {
                if (l.time() >= sinceMillis) {
                    out.add(l.text());
                }
            }
            return out;
        }
    }
}
