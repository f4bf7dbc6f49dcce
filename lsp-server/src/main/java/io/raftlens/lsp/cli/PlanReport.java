package io.raftlens.lsp.cli;

import io.raftlens.config.value.GoDuration;
import io.raftlens.raft.network.NetworkPlanner;
import io.raftlens.raft.network.NetworkPlanner.Planned;
import io.raftlens.raft.network.NetworkPlanner.Problem;
import java.io.PrintStream;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/** Plans a launch for a command and prints why it cannot go ahead, in {@code raftlens validate}'s line format. */
final class PlanReport {

    private PlanReport() {
    }

    /** The plan, or empty after printing its problems to {@code err}. */
    static Optional<Planned> plan(NetworkPlanner.LaunchRequest request, PrintStream err) {
        return plan(request, err, new int[1]);
    }

    /**
     * As {@link #plan(NetworkPlanner.LaunchRequest, PrintStream)}; when refused, {@code exit[0]} is the exit status:
     * 2 when a file could not be read at all (as {@code raftlens validate}), else 1.
     */
    static Optional<Planned> plan(NetworkPlanner.LaunchRequest request, PrintStream err, int[] exit) {
        Planned planned = NetworkPlanner.plan(request);
        exit[0] = planned.problems().stream().anyMatch(p -> p instanceof Problem.Unusable u
                && u.message().startsWith("cannot read")) ? 2 : 1;
        if (planned.plan().isEmpty()) {
            boolean fileErrors = false;
            for (Problem p : planned.problems()) {
                if (p instanceof Problem.FileError e) {
                    fileErrors = true;
                    err.println(e.file() + ":" + e.line() + ":" + e.column() + ": error: " + e.message()
                            + " [" + e.code() + "]");
                } else if (p instanceof Problem.BadArgument a) {
                    err.println("raftlens: --" + a.option() + " " + a.value() + " " + a.why());
                } else if (p instanceof Problem.Unusable u) {
                    err.println("raftlens: " + u.message());
                }
            }
            if (fileErrors || planned.problems().isEmpty()) {
                err.println("raftlens: fix the errors above, then launch again (raftlens validate shows them too)");
            }
            return Optional.empty();
        }
        planned.ordererTickOverride().ifPresent(tick -> LoggerFactory.getLogger("orderer.consensus.etcdraft").info(
                "TickIntervalOverride is set, overriding channel configuration tick interval to {}", GoDuration.format(tick)));
        return Optional.of(planned);
    }
}
