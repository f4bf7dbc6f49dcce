package io.raftlens.raft.network;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** Collects the lines of logger {@code orderer.consensus.etcdraft} (Raft and chain lines), or another, during a test. */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final Logger logger;

    LogCapture() {
        this("orderer.consensus.etcdraft");
    }

    /** Lines of logger {@code name} instead. */
    LogCapture(String name) {
        logger = (Logger) LoggerFactory.getLogger(name);
        start();
        logger.addAppender(this);
    }

    @Override
    protected synchronized void append(ILoggingEvent e) {
        lines.add(e.getFormattedMessage());
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Lines of one node on one channel, in order. */
    List<String> of(String channel, long node) {
        String suffix = " channel=" + channel + " node=" + node;
        return lines().stream().filter(l -> l.endsWith(suffix)).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
