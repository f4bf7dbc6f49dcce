package io.raftlens.lsp.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ParentProcessWatcherTest {

    @Test
    void theServerStopsWhenTheClientProcessDies() throws Exception {
        Process editor = new ProcessBuilder("sleep", "60").start();
        CountDownLatch stopped = new CountDownLatch(1);
        ParentProcessWatcher.watch((int) editor.pid(), stopped::countDown);
        assertFalse(stopped.await(100, TimeUnit.MILLISECONDS));
        editor.destroy();
        assertTrue(stopped.await(10, TimeUnit.SECONDS));
    }
}
