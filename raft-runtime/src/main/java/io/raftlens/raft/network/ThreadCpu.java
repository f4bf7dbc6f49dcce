package io.raftlens.raft.network;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of a benchmark run by thread group (thread names with their numbers dropped, e.g.
 * {@code grpc-default-executor}), so a run on a busy machine still says where its CPU went. Threads that start during
 * the run count from zero; the CPU of threads that end during it, of the collector and of the JIT compilers is what
 * the process used beyond the groups ({@code "other (GC, JIT, ended threads)"}).
 */
final class ThreadCpu {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Map<Long, Long> start = new HashMap<>();
    private long processStart;
    private long jitStart;
    private long gcStart;

    void start() {
        processStart = os.getProcessCpuTime();
        jitStart = jitMillis();
        gcStart = gcMillis();
        if (!threads.isThreadCpuTimeSupported()) {
            return;
        }
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t >= 0) {
                start.put(id, t);
            }
        }
    }

    /** Milliseconds of CPU per group over the run, largest first, with the process total. */
    Map<String, Double> stop() {
        long process = os.getProcessCpuTime() - processStart;
        Map<String, Long> byGroup = new TreeMap<>();
        long sum = 0;
        if (threads.isThreadCpuTimeSupported()) {
            for (long id : threads.getAllThreadIds()) {
                long t = threads.getThreadCpuTime(id);
                ThreadInfo info = threads.getThreadInfo(id);
                if (t < 0 || info == null) {
                    continue;
                }
                long used = t - start.getOrDefault(id, 0L);
                byGroup.merge(group(info.getThreadName()), used, Long::sum);
                sum += used;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("process", ms(process));
        byGroup.entrySet().stream().filter(e -> e.getValue() >= 1_000_000)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> out.put(e.getKey(), ms(e.getValue())));
        out.put("other (GC, JIT, ended threads)", ms(Math.max(0, process - sum)));
        // what the JVM reports of the two usual suspects (elapsed time of its compiler threads and of its collectors)
        out.put("of which JIT compiling (elapsed)", (double) Math.max(0, jitMillis() - jitStart));
        out.put("of which GC (elapsed)", (double) Math.max(0, gcMillis() - gcStart));
        return out;
    }

    private static long jitMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static long gcMillis() {
        long t = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, gc.getCollectionTime());
        }
        return t;
    }

    static String group(String threadName) {
        return threadName.replaceAll("[-#]?\\d+", "").replaceAll("-+$", "");
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1e5) / 10.0;
    }
}
