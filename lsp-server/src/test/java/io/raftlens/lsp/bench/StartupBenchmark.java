package io.raftlens.lsp.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Process start → initialize result, as an editor sees it: spawns the server command, writes one
 * {@code initialize} request on its stdin at once (editors do not wait either) and stops the clock when the
 * response's last byte is read. Several commands are measured in turns (A, B, A, B, …) so that a change
 * of machine load hits them alike; reports the median, p90, min and max of each.
 *
 * <pre>
 * java -cp lsp-server/target/test-classes io.raftlens.lsp.bench.StartupBenchmark RUNS 'LABEL=COMMAND ARGS…' …
 * </pre>
 * Commands are split on spaces.
 */
public final class StartupBenchmark {

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Map<String, List<String>> commands = new LinkedHashMap<>();
        for (String a : Arrays.copyOfRange(args, 1, args.length)) {
            int eq = a.indexOf('=');
            commands.put(a.substring(0, eq), List.of(a.substring(eq + 1).split(" ")));
        }
        Map<String, List<Double>> times = new LinkedHashMap<>();
        commands.keySet().forEach(k -> times.put(k, new ArrayList<>()));
        for (int i = 0; i < runs; i++) {
            for (var c : commands.entrySet()) {
                times.get(c.getKey()).add(startToInitialize(c.getValue()));
            }
        }
        for (var t : times.entrySet()) {
            List<Double> sorted = new ArrayList<>(t.getValue());
            Collections.sort(sorted);
            System.out.printf(Locale.ROOT, "%s: start→initialize median %.0f ms, p90 %.0f ms, min %.0f, max %.0f (%d runs)%n",
                    t.getKey(), percentile(sorted, 50), percentile(sorted, 90), sorted.get(0), sorted.get(sorted.size() - 1),
                    sorted.size());
        }
    }

    private static double startToInitialize(List<String> command) throws IOException, InterruptedException {
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":"
                + ProcessHandle.current().pid() + ",\"rootUri\":null,\"capabilities\":{}}}").getBytes(StandardCharsets.UTF_8);
        byte[] header = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            OutputStream in = p.getOutputStream();
            in.write(header);
            in.write(body);
            in.flush();
            InputStream out = p.getInputStream();
            int length = contentLength(out);
            if (out.readNBytes(length).length != length) {
                throw new IOException("the server closed its output mid-response: " + command);
            }
            return (System.nanoTime() - t0) / 1e6;
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static int contentLength(InputStream out) throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = out.read();
            if (b < 0) {
                throw new IOException("no response; headers so far: " + headers);
            }
            headers.append((char) b);
        }
        for (String line : headers.toString().split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                return Integer.parseInt(line.substring(15).strip());
            }
        }
        throw new IOException("no Content-Length in " + headers);
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
