package io.raftlens.lsp.server;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the server when the editor that started it dies (the {@code processId} of initialize), so no
 * orphaned JVM keeps running after a crash.
 */
final class ParentProcessWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ParentProcessWatcher.class);

    private ParentProcessWatcher() {
    }

    static void watch(Integer processId, Runnable onExit) {
        if (processId == null || processId <= 0 || processId == ProcessHandle.current().pid()) {
            return; // no client process given, or an in-process client (tests)
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(processId.longValue());
        if (parent.isEmpty()) {
            // another PID namespace (a container) or already gone: nothing reliable to watch
            LOG.warn("client process {} is not visible from the server; not watching it", processId);
            return;
        }
        parent.get().onExit().thenRun(() -> {
            LOG.info("client process {} ended; stopping the language server", processId);
            onExit.run();
        });
    }
}
