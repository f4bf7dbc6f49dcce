package io.raftlens.raft.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** One summary line per chaos run, printed and appended to target/chaos-summary.txt for docs/reliability.md. */
final class ChaosReport {

    private ChaosReport() {
    }

    static String line(String variant, long seed, ChaosRun.Outcome o, LedgerAudit.Result r, CatchUps c)
            throws IOException {
        String s = String.format("chaos[%s] seed=%d: %d broadcasts attempted, %d acknowledged SUCCESS; %d crashes "
                        + "(kill -9 / kill; %d of the leader; incl. all %d at once) and %d partitions in %d ms; "
                        + "%d snapshot catch-ups pulling %d blocks from other consenters; "
                        + "final height %d with %d transactions; lost %d, duplicated %d",
                variant, seed, o.attempts(), o.acknowledged().size(), o.crashes(), o.leaderCrashes(), 5, o.partitions(),
                o.millis(), c.completed(), c.blocksPulled(), r.height(), r.transactions(), r.lost(), r.duplicated());
        System.out.println(s);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/chaos-summary.txt"), s + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return s;
    }
}
