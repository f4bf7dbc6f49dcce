package io.raftlens.lsp.live;

import io.raftlens.config.fabric.FileKind;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.raft.network.NetworkPlan;
import io.raftlens.raft.network.NetworkPlanner;
import io.raftlens.raft.network.NetworkPlanner.Planned;
import io.raftlens.raft.network.NetworkPlanner.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The editor's side of {@link NetworkPlanner}: the open configtx.yaml (its current text, saved or not) and a launch
 * request become a network plan with the CLI's checks, orderer.yaml's validation included. The profile is the one
 * asked for, else the one under the cursor, else the only etcdraft one. Problems are one-line
 * {@link IllegalArgumentException}s naming the file and line (the first error, and how many more).
 */
final class LivePlanner {

    private LivePlanner() {
    }

    static NetworkPlan plan(DocumentModel model, Optional<String> profileArg, Optional<org.eclipse.lsp4j.Position> cursor,
                            List<String> channelArgs, Optional<String> tick, Optional<Integer> opsBasePort) {
        Path file = model.path();
        if (file == null || model.kind().orElse(null) != FileKind.CONFIGTX) {
            throw new IllegalArgumentException(model.uri() + " is not a configtx.yaml file; open the channel configuration to launch its network");
        }
        Optional<String> profile = profileArg.or(() -> cursor.flatMap(p -> ConsenterLayout.profileAt(model, p)));
        Planned planned = NetworkPlanner.plan(new NetworkPlanner.LaunchRequest(file, Optional.of(model.text()), profile,
                channelArgs, tick, opsBasePort, Optional.empty(), NetworkPlanner.DefaultProfile.ONLY_ETCDRAFT));
        if (planned.plan().isPresent()) {
            return planned.plan().get();
        }
        List<Problem> problems = planned.problems();
        throw new IllegalArgumentException(problems.isEmpty() ? file.getFileName() + " cannot be launched"
                : describe(problems.get(0), problems.size() - 1));
    }

    private static String describe(Problem first, int more) {
        if (first instanceof Problem.FileError e) {
            return e.file().getFileName() + ":" + e.line() + ": " + e.message() + " [" + e.code() + "]"
                    + (more > 0 ? " (and " + more + " more errors)" : "") + "; fix the errors, then launch again";
        }
        if (first instanceof Problem.BadArgument a) {
            return a.option() + " " + a.value() + " " + a.why();
        }
        return ((Problem.Unusable) first).message();
    }
}
