package io.raftlens.lsp.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.raftlens.raft.core.Slf4jRaftLogger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Fabric's flogging line layout for logback ({@code logback.xml}): {@code %fabricSeq}, {@code %fabricModule} and
 * {@code %fabricFunc} print the sequence number, the Fabric logger name and the Go function of
 * {@code 2026-01-01 10:00:00.000 UTC 0042 INFO [orderer.consensus.etcdraft] run -> Raft leader changed: 0 -> 2}.
 */
public final class FabricLogLayout {

    private FabricLogLayout() {
    }

    /** Logback {@code %fabricSeq}: Fabric's per-process log sequence number, {@code %04x}. */
    public static final class FabricSequence extends ClassicConverter {
        private static final AtomicLong SEQ = new AtomicLong();

        @Override
        public String convert(ILoggingEvent event) {
            // %04x without String.format, which parses its format on every line (one line per forwarded transaction)
            String hex = Long.toHexString(SEQ.incrementAndGet());
            return hex.length() >= 4 ? hex : "0000".substring(hex.length()) + hex;
        }
    }

    /**
     * Logback {@code %fabricFunc}: the Fabric/etcd function that prints a line, as flogging's {@code %{shortfunc}}.
     * The Raft core names it in the MDC ({@link Slf4jRaftLogger#FUNCTION_KEY}); lines logged without one (the chain
     * and the ledger) are recognised by their Fabric wording.
     */
    public static final class FabricFunction extends ClassicConverter {
        /** Lines of the chain, not the core, that carry no function name yet: Fabric's wording tells which. */
        private static final List<Map.Entry<Pattern, String>> RULES = List.of(
                Map.entry(Pattern.compile("^raft\\.node: |^Raft leader changed|^Start accepting requests|^This node is picked"
                        + "|^Leader \\d+ is present|^WAL sync took|^Raft node stopped|^Failed to propose"), "run"),
                Map.entry(Pattern.compile("^Starting Raft node$|^Starting Raft node "), "Start"),
                Map.entry(Pattern.compile("^Starting raft node|^Restarting raft node"), "start"),
                Map.entry(Pattern.compile("^Transferring leadership|^Leader has been transferred"), "abdicateLeadership"),
                Map.entry(Pattern.compile("^Writing block"), "writeBlock"),
                Map.entry(Pattern.compile("^Created block"), "propose"),
                Map.entry(Pattern.compile("^Accumulated "), "apply"),
                Map.entry(Pattern.compile("^Catching up|^Finished syncing"), "catchUp"),
                Map.entry(Pattern.compile("TickIntervalOverride"), "New"));

        @Override
        public String convert(ILoggingEvent event) {
            String function = event.getMDCPropertyMap().get(Slf4jRaftLogger.FUNCTION_KEY);
            if (function != null && !function.isEmpty()) {
                return function;
            }
            String msg = event.getFormattedMessage();
            for (Map.Entry<Pattern, String> r : RULES) {
                if (r.getKey().matcher(msg).find()) {
                    return r.getValue();
                }
            }
            String name = event.getLoggerName();
            return name.substring(name.lastIndexOf('.') + 1);
        }
    }

    /** Logback {@code %fabricModule}: Fabric's logger names for RaftLens' classes. */
    public static final class FabricModule extends ClassicConverter {
        @Override
        public String convert(ILoggingEvent event) {
            String name = event.getLoggerName();
            if (name.startsWith("orderer.")) {
                return name;
            }
            if (name.startsWith("io.raftlens.raft.transport")) {
                return "orderer.common.cluster.comm";
            }
            if (name.startsWith("io.raftlens.raft.wal")) {
                return "orderer.consensus.etcdraft.wal";
            }
            if (name.startsWith("io.raftlens.raft.orderer")) {
                return "orderer.common.ledger";
            }
            if (name.startsWith("io.raftlens.raft.metrics")) {
                return "orderer.common.operations";
            }
            return name.startsWith("io.raftlens.") ? "raftlens." + name.substring(name.lastIndexOf('.') + 1) : name;
        }
    }
}
