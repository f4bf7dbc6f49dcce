package io.raftlens.lsp.live;

import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Every live thread's stack with the locks it holds and waits for, as {@code jstack} prints them: attached to a
 * timeout so that an intermittent hang (a stop that does not answer) explains itself in the test report.
 */
final class ThreadDump {

    private ThreadDump() {
    }

    static String all() {
        StringBuilder out = new StringBuilder("thread dump:\n");
        ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true);
        Arrays.sort(threads, Comparator.comparing(ThreadInfo::getThreadName));
        for (ThreadInfo t : threads) {
            out.append('"').append(t.getThreadName()).append("\" ").append(t.getThreadState());
            if (t.getLockName() != null) {
                out.append(" on ").append(t.getLockName());
            }
            if (t.getLockOwnerName() != null) {
                out.append(" owned by \"").append(t.getLockOwnerName()).append('"');
            }
            out.append('\n');
            StackTraceElement[] stack = t.getStackTrace(); // whole stack: ThreadInfo.toString cuts it at 8 frames
            for (int i = 0; i < stack.length; i++) {
                out.append("\tat ").append(stack[i]).append('\n');
                for (MonitorInfo m : t.getLockedMonitors()) {
                    if (m.getLockedStackDepth() == i) {
                        out.append("\t- locked ").append(m).append('\n');
                    }
                }
            }
            out.append('\n');
        }
        return out.toString();
    }
}
