package io.raftlens.raft.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Logs through SLF4J logger {@code orderer.consensus.etcdraft} and, like Fabric's flogging wrapper,
 * appends {@code " channel=<ch> node=<id>"} to every line (the node id in decimal, as Fabric prints it).
 * The etcd function that logged the line is in the MDC under {@link #FUNCTION_KEY}, so a layout can print
 * Fabric's {@code becomeLeader -> …} prefix (logback: {@code %X{raft.function} -> %msg}).
 */
public final class Slf4jRaftLogger implements RaftLogger {
    public static final String LOGGER_NAME = "orderer.consensus.etcdraft";
    public static final String FUNCTION_KEY = "raft.function";

    private final Logger log = LoggerFactory.getLogger(LOGGER_NAME);
    private final String suffix;

    /** @param channel the channel name, or null when the node serves no named channel */
    public Slf4jRaftLogger(String channel, long nodeId) {
        this.suffix = (channel == null ? "" : " channel=" + channel) + " node=" + Long.toUnsignedString(nodeId);
    }

    @Override
    public void debug(String line) {
        if (log.isDebugEnabled()) {
            log.debug(line + suffix);
        }
    }

    @Override
    public void info(String line) {
        log.info(line + suffix);
    }

    @Override
    public void warn(String line) {
        log.warn(line + suffix);
    }

    @Override
    public void error(String line) {
        log.error(line + suffix);
    }

    @Override
    public void debug(String function, String line) {
        if (log.isDebugEnabled()) {
            withFunction(function, () -> log.debug(line + suffix));
        }
    }

    @Override
    public void info(String function, String line) {
        withFunction(function, () -> log.info(line + suffix));
    }

    @Override
    public void warn(String function, String line) {
        withFunction(function, () -> log.warn(line + suffix));
    }

    @Override
    public void error(String function, String line) {
        withFunction(function, () -> log.error(line + suffix));
    }

    private static void withFunction(String function, Runnable logCall) {
        String previous = MDC.get(FUNCTION_KEY);
        MDC.put(FUNCTION_KEY, function);
        try {
            logCall.run();
        } finally {
            if (previous == null) {
                MDC.remove(FUNCTION_KEY);
            } else {
                MDC.put(FUNCTION_KEY, previous);
            }
        }
    }

    @Override
    public boolean isDebugEnabled() {
        return log.isDebugEnabled();
    }
}
