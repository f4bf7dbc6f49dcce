package io.raftlens.lsp.live.bench;

import io.raftlens.lsp.live.LensReading;
import io.raftlens.lsp.live.LiveClient;
import io.raftlens.lsp.live.LiveCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CodeLens;

/**
 * Kill → lens showing the new leader, as an editor sees it: an LSP4J client launches samples/five-orderers
 * (ports from 17100, ElectionTick 10) with the given tick, then {@code kills} times kills the leader through
 * {@code raftlens.killNode} and re-asks for code lenses on every refresh request until a new leader shows;
 * the killed node is restarted and the network settles before the next kill. Prints each time and the median.
 *
 * <p>Usage: {@code LiveFailoverBenchmark [kills=10] [tick=100ms]}
 */
public final class LiveFailoverBenchmark {

    private LiveFailoverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String tick = args.length > 1 ? args[1] : "100ms";
        Path dir = Files.createTempDirectory("raftlens-live-bench");
        Path configtx = LiveClient.fiveOrderers(dir, 17100);
        String uri = configtx.toUri().toString();
        List<Long> millis = new ArrayList<>();
        List<Long> raft = new ArrayList<>();
        List<Long> editor = new ArrayList<>();
        try (LiveClient client = new LiveClient()) {
            client.open(uri, Files.readString(configtx));
            client.executeOk(LiveCommands.LAUNCH, Map.of("uri", uri, "tick", tick, "opsBasePort", 0));
            for (int i = 0; i < kills; i++) {
                List<? extends CodeLens> settled = client.awaitLenses(uri, 30_000, "a settled network", LensReading::settled);
                String leader = LensReading.leaderHost(settled);
                long start = System.nanoTime();
                long startWall = System.currentTimeMillis();
                client.executeOk(LiveCommands.KILL_NODE, Map.of("uri", uri, "node", leader));
                List<? extends CodeLens> after = client.awaitLenses(uri, 30_000, "a new leader", l -> {
                    List<String> s = LensReading.statuses(l);
                    return LensReading.count(s, "leader") == 1 && !LensReading.leaderHost(l).equals(leader);
                });
                long ms = (System.nanoTime() - start) / 1_000_000;
                long shownWall = System.currentTimeMillis();
                long elected = lastElection(client.execute(LiveCommands.TIMELINE, Map.of("uri", uri)).getAsString());
                millis.add(ms);
                raft.add(elected - startWall);
                editor.add(shownWall - elected);
                System.out.printf("kill %2d: %s killed, %s shown as leader after %d ms (elected after %d ms, shown %d ms later)%n",
                        i + 1, leader, LensReading.leaderHost(after), ms, elected - startWall, shownWall - elected);
                client.executeOk(LiveCommands.START_NODE, Map.of("uri", uri, "node", leader));
            }
            client.executeOk(LiveCommands.STOP, Map.of("uri", uri));
        } finally {
            Files.deleteIfExists(configtx);
            Files.deleteIfExists(dir);
        }
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf("kill → new leader in the lenses, tick %s, %d kills: median %.0f ms, min %d ms, max %d ms"
                        + " (of which Raft election: median %.0f ms; event → lens: median %.0f ms)%n",
                tick, kills, median(millis), sorted.get(0), sorted.get(sorted.size() - 1), median(raft), median(editor));
        System.exit(0);
    }

    private static double median(List<Long> values) {
        List<Long> s = values.stream().sorted().toList();
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2.0;
    }

    /** Wall-clock time of the timeline's last "became leader" row (times are HH:mm:ss.SSS UTC, today). */
    private static long lastElection(String markdown) {
        String time = null;
        for (String line : markdown.split("\n")) {
            String[] cells = line.split("\\|");
            if (cells.length > 3 && cells[3].trim().startsWith("became leader")) {
                time = cells[1].trim();
            }
        }
        if (time == null) {
            throw new IllegalStateException("no election in the timeline:\n" + markdown);
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return LocalTime.parse(time).atDate(today).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
