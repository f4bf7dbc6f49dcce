package io.raftlens.raft.network;

import io.raftlens.raft.network.NetworkPlanner.DefaultProfile;
import io.raftlens.raft.network.NetworkPlanner.LaunchRequest;
import io.raftlens.raft.network.NetworkPlanner.Planned;
import io.raftlens.raft.network.NetworkPlanner.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one launch planner: the same checks for the CLI's files and the editor's unsaved text, problems as data. */
class NetworkPlannerTest {

    static final Path SAMPLE = NetworkPlanLoaderTest.SAMPLE;
    static final Path BROKEN_ORDERER = Path.of("..", "samples", "broken", "orderer-startup.yaml");

    @TempDir
    Path dir;

    private static LaunchRequest editor(String text, Optional<Path> ordererYaml, List<String> channels, Optional<String> tick) {
        return new LaunchRequest(SAMPLE, Optional.of(text), Optional.empty(), channels, tick, Optional.of(0), ordererYaml,
                DefaultProfile.ONLY_ETCDRAFT);
    }

    private static Problem onlyProblem(Planned planned) {
        assertTrue(planned.plan().isEmpty(), "refused");
        assertEquals(1, planned.problems().size(), planned.problems().toString());
        return planned.problems().get(0);
    }

    @Test
    void theSampleIsPlannedWithTheOrdererYamlBesideIt() {
        Planned planned = NetworkPlanner.plan(LaunchRequest.ofFile(SAMPLE, null, List.of(), null, null, 0));
        assertEquals(List.of(), planned.problems());
        NetworkPlan plan = planned.plan().orElseThrow();
        assertEquals("ChannelUsingRaft", plan.profile());
        assertEquals(5, plan.consenters().size());
        assertEquals(List.of("mychannel"), List.copyOf(plan.channels().keySet()));
        assertEquals(SAMPLE.toAbsolutePath().resolveSibling("orderer.yaml"), planned.ordererYaml().orElseThrow());
        assertTrue(planned.orderer().isPresent());
        assertEquals(Optional.empty(), planned.ordererTickOverride());
    }

    @Test
    void anOrdererYamlWithErrorsIsRefusedForTheEditorAsForTheCli() throws Exception {
        String text = Files.readString(SAMPLE);
        for (LaunchRequest request : List.of(editor(text, Optional.of(BROKEN_ORDERER), List.of(), Optional.empty()),
                LaunchRequest.ofFile(SAMPLE, null, List.of(), BROKEN_ORDERER, null, 0))) {
            Planned planned = NetworkPlanner.plan(request);
            assertTrue(planned.plan().isEmpty());
            List<String> found = planned.problems().stream().map(p -> (Problem.FileError) p)
                    .map(e -> e.line() + ":" + e.column() + " " + e.code()).toList();
            // the errors samples/broken/orderer-startup.yaml lists in its header (BrokenSamplesTest checks the same)
            assertEquals(List.of("23:20 ORD004", "28:14 ORD011", "43:3 ORD005", "66:1 ORD002", "70:18 ORD009",
                    "72:14 ORD011", "73:25 ORD007"), found);
            assertEquals(BROKEN_ORDERER, ((Problem.FileError) planned.problems().get(0)).file());
        }
    }

    @Test
    void theEditorsUnsavedTextIsWhatIsValidated() throws Exception {
        String text = Files.readString(SAMPLE).replace("ElectionTick: 10", "ElectionTick: 1");
        int line = (int) text.substring(0, text.indexOf("ElectionTick: 1")).chars().filter(c -> c == '\n').count() + 1;
        Problem.FileError e = assertInstanceOf(Problem.FileError.class,
                NetworkPlanner.plan(editor(text, Optional.empty(), List.of(), Optional.empty())).problems().get(0));
        assertEquals(SAMPLE, e.file());
        assertEquals(line, e.line());
    }

    @Test
    void aBadTickOrChannelNameIsABadArgumentWithFabricsReason() throws Exception {
        String text = Files.readString(SAMPLE);
        assertEquals(new Problem.BadArgument("tick", "fast", "is not a positive duration (e.g. 100ms, 1s)"),
                onlyProblem(NetworkPlanner.plan(editor(text, Optional.empty(), List.of(), Optional.of("fast")))));
        Problem.BadArgument upper = assertInstanceOf(Problem.BadArgument.class,
                onlyProblem(NetworkPlanner.plan(editor(text, Optional.empty(), List.of("My_Channel"), Optional.empty()))));
        assertEquals("channel", upper.option());
        assertTrue(upper.why().startsWith("is not a valid channel name ('My_Channel' contains illegal characters;"), upper.why());
        String tooLong = "a".repeat(250);
        Problem.BadArgument longName = assertInstanceOf(Problem.BadArgument.class,
                onlyProblem(NetworkPlanner.plan(editor(text, Optional.empty(), List.of(tooLong + "=ChannelUsingRaft"), Optional.empty()))));
        assertEquals(tooLong, longName.value());
        assertTrue(longName.why().contains("channel ID illegal, cannot be longer than 249"), longName.why());
    }

    @Test
    void withoutANamedProfileTheCliTakesTheFirstAndTheEditorWantsTheOnlyOne() throws Exception {
        String text = Files.readString(SAMPLE) + "\n  SecondRaft:\n    <<: *ChannelDefaults\n    Orderer:\n      <<: *OrdererDefaults\n"
                + "      Organizations:\n        - *OrdererOrg\n";
        assertEquals(new Problem.Unusable("configtx.yaml has 2 etcdraft profiles (ChannelUsingRaft, SecondRaft); "
                + "put the cursor in one or pass \"profile\""),
                onlyProblem(NetworkPlanner.plan(editor(text, Optional.empty(), List.of(), Optional.empty()))));
        Planned cli = NetworkPlanner.plan(new LaunchRequest(SAMPLE, Optional.of(text), Optional.empty(), List.of(),
                Optional.empty(), Optional.of(0), Optional.empty(), DefaultProfile.FIRST_ETCDRAFT));
        assertEquals("ChannelUsingRaft", cli.plan().orElseThrow().profile());
    }

    @Test
    void ordererYamlsTickIntervalOverrideIsReportedUnlessTickIsGiven() throws Exception {
        Path orderer = dir.resolve("orderer.yaml");
        Files.writeString(orderer, Files.readString(SAMPLE.resolveSibling("orderer.yaml"))
                .replace("Consensus:\n", "Consensus:\n  TickIntervalOverride: 50ms\n"));
        String text = Files.readString(SAMPLE);
        Planned overridden = NetworkPlanner.plan(editor(text, Optional.of(orderer), List.of(), Optional.empty()));
        assertEquals(Optional.of(Duration.ofMillis(50)), overridden.ordererTickOverride());
        assertEquals(Duration.ofMillis(50), overridden.plan().orElseThrow().channels().get("mychannel").tickInterval());
        Planned ticked = NetworkPlanner.plan(editor(text, Optional.of(orderer), List.of(), Optional.of("100ms")));
        assertEquals(Optional.empty(), ticked.ordererTickOverride());
        assertEquals(Duration.ofMillis(100), ticked.plan().orElseThrow().channels().get("mychannel").tickInterval());
    }

    @Test
    void anUnreadableFileIsUnusable() {
        assertEquals(new Problem.Unusable("cannot read " + dir.resolve("missing.yaml") + " (no such file or not readable)"),
                onlyProblem(NetworkPlanner.plan(LaunchRequest.ofFile(dir.resolve("missing.yaml"), null, List.of(), null, null, null))));
        assertEquals(new Problem.Unusable("cannot read orderer.yaml " + dir.resolve("o.yaml") + " (no such file or not readable)"),
                onlyProblem(NetworkPlanner.plan(LaunchRequest.ofFile(SAMPLE, null, List.of(), dir.resolve("o.yaml"), null, null))));
    }
}
