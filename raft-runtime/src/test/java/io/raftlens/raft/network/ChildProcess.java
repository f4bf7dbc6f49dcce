package io.raftlens.raft.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A finished child process of a test (a real client in its own runtime): its exit code and output. */
record ChildProcess(List<String> cmd, int exit, String output) {

    /** Runs {@code cmd} in {@code cwd}, output to {@code log}; killed after {@code seconds} (exit -1). */
    static ChildProcess run(List<String> cmd, Path cwd, Path log, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return new ChildProcess(cmd, -1, "killed after " + seconds + " s\n" + Files.readString(log));
        }
        return new ChildProcess(cmd, p.exitValue(), Files.readString(log));
    }

    /** Whether {@code cmd} starts and exits 0 (e.g. {@code node --version}). */
    static boolean works(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return String.join(" ", cmd) + " → exit " + exit + "\n" + output;
    }
}
