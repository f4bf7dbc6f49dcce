package io.raftlens.raft.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs through SLF4J logger {@code orderer.consensus.etcdraft} and, like Fabric's flogging wrapper,
 * appends {@code " channel=<ch> node=<id>"} to every line (the node id in decimal, as Fabric prints it).
 */
public final class Slf4jRaftLogger implements RaftLogger {
    public static final String LOGGER_NAME = "orderer.consensus.etcdraft";

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
    public boolean isDebugEnabled() {
        return log.isDebugEnabled();
    }
}
