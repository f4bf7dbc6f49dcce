package io.raftlens.raft.logs.bench;

import io.raftlens.raft.logs.Timeline;
import io.raftlens.raft.logs.TimelineReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code raftlens timeline}'s reader throughput on one core: reads a log file N times into a fresh
 * {@link Timeline} and prints MB/s by wall clock and by the thread's CPU time (the machine is shared).
 * Usage: {@code TimelineThroughput FILE [ROUNDS]}.
 */
public final class TimelineThroughput {

    private TimelineThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        double mb = Files.size(file) / 1e6;
        var threads = ManagementFactory.getThreadMXBean();
        for (int r = 1; r <= rounds; r++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Timeline t = new Timeline(null);
            TimelineReader.read(file, t);
            t.finish();
            long wall = System.nanoTime() - t0;
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            System.out.printf("round %d: %.0f MB, %d lines, %d events: %.0f MB/s wall, %.0f MB/s CPU, heap used %d MB%n", r, mb,
                    t.lines(), t.events(), mb / (wall / 1e9), mb / (cpu / 1e9),
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        }
    }
}
