package io.raftlens.lsp.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.raftlens.lsp.documents.DocumentModel;
import io.raftlens.raft.network.NetworkPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which profile a launch runs, what it refuses, and how command arguments are read — without starting nodes. */
class LivePlannerTest {

    @TempDir
    Path dir;

    /** The sample with a second profile, SecondRaft, that shares the EtcdRaft section. */
    private DocumentModel twoProfiles() throws Exception {
        Path configtx = LiveClient.fiveOrderers(dir, 17200);
        String text = Files.readString(configtx) + "\n  SecondRaft:\n    <<: *ChannelDefaults\n    Orderer:\n      <<: *OrdererDefaults\n"
                + "      Organizations:\n        - *OrdererOrg\n";
        return DocumentModel.build(configtx.toUri().toString(), 1, text);
    }

    private static int lineOf(DocumentModel m, String needle) {
        return (int) m.text().substring(0, m.text().indexOf(needle)).chars().filter(c -> c == '\n').count();
    }

    @Test
    void theProfileIsTheArgumentElseTheOneUnderTheCursorElseTheOnlyOne() throws Exception {
        DocumentModel m = twoProfiles();
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> LivePlanner.plan(m, Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.of(0)));
        assertEquals("configtx.yaml has 2 etcdraft profiles (ChannelUsingRaft, SecondRaft); put the cursor in one or pass \"profile\"",
                none.getMessage());
        Position inSecond = new Position(lineOf(m, "  SecondRaft:") + 2, 6);
        NetworkPlan second = LivePlanner.plan(m, Optional.empty(), Optional.of(inSecond), List.of(), Optional.of("100ms"), Optional.of(0));
        assertEquals("SecondRaft", second.profile());
        assertEquals(5, second.consenters().size());
        assertEquals(17202, second.consenters().get(2).port());
        assertEquals(100, second.channels().get("mychannel").tickInterval().toMillis());
        NetworkPlan named = LivePlanner.plan(m, Optional.of("ChannelUsingRaft"), Optional.of(inSecond), List.of("a", "b"),
                Optional.empty(), Optional.of(0));
        assertEquals("ChannelUsingRaft", named.profile());
        assertEquals(500, named.channels().get("b").tickInterval().toMillis(), "TickInterval from the file");

        List<ConsenterLayout> layouts = ConsenterLayout.of(m);
        assertEquals(2, layouts.size());
        assertEquals(lineOf(m, "    Consenters:"), layouts.get(0).header().getStart().getLine());
        assertEquals(lineOf(m, "Host: orderer3.example.com"), layouts.get(1).consenters().get(2).range().getStart().getLine());
    }

    @Test
    void refusesAFileWithErrorsABadTickAndBadChannelNames() throws Exception {
        Path configtx = LiveClient.fiveOrderers(dir, 17210);
        String text = Files.readString(configtx);
        DocumentModel broken = DocumentModel.build(configtx.toUri().toString(), 1, text.replace("ElectionTick: 10", "ElectionTick: 1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LivePlanner.plan(broken, Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty()));
        assertTrue(e.getMessage().startsWith("configtx.yaml:" + (lineOf(broken, "ElectionTick: 1") + 1) + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("fix the errors, then launch again"), e.getMessage());

        DocumentModel ok = DocumentModel.build(configtx.toUri().toString(), 1, text);
        assertEquals("tick fast is not a positive duration (e.g. 100ms, 1s)", assertThrows(IllegalArgumentException.class,
                () -> LivePlanner.plan(ok, Optional.empty(), Optional.empty(), List.of(), Optional.of("fast"), Optional.empty())).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LivePlanner.plan(ok, Optional.empty(), Optional.empty(),
                List.of("My_Channel"), Optional.empty(), Optional.empty())).getMessage().startsWith("channel My_Channel is not a valid channel name"));
        DocumentModel orderer = DocumentModel.build(dir.resolve("orderer.yaml").toUri().toString(), 1, "General:\n  ListenPort: 7050\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LivePlanner.plan(orderer, Optional.empty(), Optional.empty(),
                List.of(), Optional.empty(), Optional.empty())).getMessage().endsWith("is not a configtx.yaml file; open the channel configuration to launch its network"));
    }

    @Test
    void refusesAnOrdererYamlWithErrorsBesideTheFileAsTheCliDoes() throws Exception {
        Path configtx = LiveClient.fiveOrderers(dir, 17220);
        Files.writeString(dir.resolve("orderer.yaml"), "General:\n  BootstrapMethod: file\n");
        DocumentModel m = DocumentModel.build(configtx.toUri().toString(), 1, Files.readString(configtx));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LivePlanner.plan(m, Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.of(0)));
        assertTrue(e.getMessage().startsWith("orderer.yaml:2: General.BootstrapMethod: file: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("[ORD004]; fix the errors, then launch again"), e.getMessage());
    }

    @Test
    void commandsWithoutANetworkOrArgumentsAnswerWithAClearError() throws Exception {
        LiveEditor editor = new HeadlessEditor(Map.of());
        LiveNetworks networks = new LiveNetworks(editor, dir);
        LiveCommands commands = new LiveCommands(networks);
        try {
            assertEquals(Map.of("error", "no network is running for configtx.yaml; run raftlens.launchNetwork first"),
                    commands.execute(LiveCommands.KILL_NODE, List.of(JsonParser.parseString("{\"uri\":\"file:///x/configtx.yaml\",\"node\":1}"))).get());
            assertEquals(Map.of("error", "raftlens.stopNode needs one JSON object argument, e.g. {\"uri\": \"file:///…/configtx.yaml\"}"),
                    commands.execute(LiveCommands.STOP_NODE, List.of()).get());
            assertEquals(Map.of("error", "raftlens.launchNetwork: \"uri\" (the configtx.yaml's document URI) is missing"),
                    commands.execute(LiveCommands.LAUNCH, List.of(JsonParser.parseString("{\"tick\":\"100ms\"}"))).get());
            assertEquals(Map.of("error", "configtx.yaml is not open; open it to launch its network"),
                    commands.execute(LiveCommands.LAUNCH, List.of(Map.of("uri", "file:///x/configtx.yaml"))).get());
            assertEquals(Map.of("stopped", false), commands.execute(LiveCommands.STOP, List.of(Map.of("uri", "file:///x/configtx.yaml"))).get());
        } finally {
            commands.close();
            networks.close();
        }
    }
}
