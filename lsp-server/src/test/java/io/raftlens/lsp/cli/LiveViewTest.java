package io.raftlens.lsp.cli;

import io.raftlens.raft.ids.NodeId;
import io.raftlens.raft.network.NodeState;
import io.raftlens.raft.network.NodeRole;
import io.raftlens.raft.network.NetworkSnapshot;
import io.raftlens.raft.network.ChannelState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Launch's live view, byte for byte: the pinned table on a terminal and the change lines elsewhere. */
class LiveViewTest {

    private static final String HEADER = "channel mychannel\n  id  node      role           term leader  height\n";

    /** A three-node network: {role, term, leader, height} per node, null for a stopped node. */
    private static NetworkSnapshot network(Object[]... states) {
        List<NodeState> nodes = new ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            Map<String, ChannelState> chs = new LinkedHashMap<>();
            if (states[i] != null) {
                chs.put("mychannel", new ChannelState(NodeRole.ofLabel((String) states[i][0]), (int) states[i][1],
                        NodeId.of((int) states[i][2]), 0, (int) states[i][3], true));
            }
            nodes.add(new NodeState(NodeId.of(i + 1), "orderer" + (i + 1), 7050 + i, "127.0.0.1:" + (8443 + i), states[i] != null,
                    false, chs));
        }
        return new NetworkSnapshot("", List.of("mychannel"), Map.of(), nodes);
    }

    private static Object[] s(String role, int term, int leader, int height) {
        return new Object[] {role, term, leader, height};
    }

    private static String text(ByteArrayOutputStream b) {
        return b.toString(StandardCharsets.UTF_8);
    }

    private static PrintStream print(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }

    private static final NetworkSnapshot LED_BY_1 = network(s("leader", 2, 1, 1), s("follower", 2, 1, 1),
            s("follower", 2, 1, 1));
    private static final String LED_BY_1_TABLE = HEADER
            + "  1   orderer1  leader            2      1       1\n"
            + "  2   orderer2  follower          2      1       1\n"
            + "  3   orderer3  follower          2      1       1\n";

    @Test
    void theFirstTableIsDrawnPlainlyAndAChangeRedrawsItInPlace() {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        PinnedTable table = new PinnedTable(print(screen), false);
        table.show(LED_BY_1);
        assertEquals(LED_BY_1_TABLE, text(screen));
        screen.reset();
        table.show(network(s("leader", 2, 1, 1), null, s("follower", 2, 1, 1)));
        // up 5 lines (header 2 + 3 rows), clear to the end of the screen, the new table
        assertEquals("\033[5A\033[J" + HEADER
                + "  1   orderer1  leader            2      1       1\n"
                + "  2   orderer2  stopped           -      -       -\n"
                + "  3   orderer3  follower          2      1       1\n", text(screen));
    }

    @Test
    void anUnchangedStateWritesNothing() {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        PinnedTable table = new PinnedTable(print(screen), false);
        table.show(LED_BY_1);
        screen.reset();
        table.show(network(s("leader", 2, 1, 1), s("follower", 2, 1, 1), s("follower", 2, 1, 1)));
        assertEquals("", text(screen));
    }

    @Test
    void logLinesScrollAboveTheTableWhichIsRedrawnBelowThem() {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        PinnedTable table = new PinnedTable(print(screen), false);
        // stderr on the same terminal: everything lands in one stream, in the order written
        PrintStream err = new PinnedTable.LogLines(table, print(screen)).printStream();
        err.print("before the table\n");
        table.show(LED_BY_1);
        err.print("INFO 2 became leader");
        err.print(" at term 3\nINFO ");
        err.print("Raft leader changed: 1 -> 2\n");
        assertEquals("before the table\n" + LED_BY_1_TABLE
                + "\033[5A\033[J" + "INFO 2 became leader at term 3\n" + LED_BY_1_TABLE
                + "\033[5A\033[J" + "INFO Raft leader changed: 1 -> 2\n" + LED_BY_1_TABLE, text(screen));
    }

    @Test
    void afterUnpinningTheTableStaysAndLinesSimplyFollow() {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        PinnedTable table = new PinnedTable(print(screen), false);
        PrintStream err = new PinnedTable.LogLines(table, print(screen)).printStream();
        table.show(LED_BY_1);
        table.unpin();
        err.println("raftlens launch: stopping");
        table.show(network(null, null, null));
        assertEquals(LED_BY_1_TABLE + "raftlens launch: stopping\n", text(screen));
    }

    @Test
    void colourWrapsTheRoleCellWithoutMovingTheColumns() {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        new PinnedTable(print(screen), true).show(network(s("leader", 3, 1, 4), s("pre-candidate", 2, 0, 4), null));
        assertEquals("channel mychannel\n  id  node      role           term leader  height\n"
                + "  1   orderer1  \033[1;32mleader\033[0m            3      1       4\n"
                + "  2   orderer2  \033[33mpre-candidate\033[0m     2      -       4\n"
                + "  3   orderer3  \033[2mstopped\033[0m           -      -       -\n", text(screen));
    }

    @Test
    void offATerminalEachChangeIsOneLineAndHeightsAloneAtMostEveryFiveSeconds() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong(1_000);
        ChangeLines lines = new ChangeLines(print(out), now::get);
        assertFalse(lines.show(LED_BY_1));
        assertEquals("mychannel: leader 1 term 2 | 1 leader h1, 2 follower h1, 3 follower h1\n", text(out));
        out.reset();
        now.addAndGet(100);
        assertTrue(lines.show(network(s("leader", 2, 1, 2), s("follower", 2, 1, 2), s("follower", 2, 1, 1))),
                "a height change within 5 s is held back");
        assertEquals("", text(out));
        now.addAndGet(100);
        assertFalse(lines.show(network(s("leader", 2, 1, 2), null, s("candidate", 3, 0, 1))),
                "a role change is printed at once");
        assertEquals("mychannel: no agreed leader | 1 leader t2 leader 1 h2, 2 stopped, 3 candidate t3 leader - h1\n",
                text(out));
        out.reset();
        now.addAndGet(ChangeLines.HEIGHTS_EVERY_MS);
        lines.show(network(s("leader", 2, 1, 9), null, s("candidate", 3, 0, 1)));
        assertEquals("mychannel: no agreed leader | 1 leader t2 leader 1 h9, 2 stopped, 3 candidate t3 leader - h1\n",
                text(out));
        assertFalse(text(out).contains("\033"), "no escape codes off a terminal");
    }

    @Test
    void onlyATerminalThatIsNotDumbPinsAndNoColorTurnsColourOff() {
        assertEquals(new Terminal(true, true), Terminal.of(true, Map.of("TERM", "xterm-256color")));
        assertEquals(new Terminal(true, false), Terminal.of(true, Map.of("TERM", "xterm", "NO_COLOR", "1")));
        assertEquals(new Terminal(true, true), Terminal.of(true, Map.of("TERM", "xterm", "NO_COLOR", "")),
                "an empty NO_COLOR does not count (no-color.org)");
        assertEquals(new Terminal(false, false), Terminal.of(true, Map.of("TERM", "dumb")));
        assertEquals(new Terminal(false, false), Terminal.of(false, Map.of("TERM", "xterm")));
    }

    @Test
    void theLiveTableShowsOnlyAfterAnEventAndRetriesWhatWasHeldBack() {
        List<NetworkSnapshot> shown = new ArrayList<>();
        boolean[] holdBack = {true};
        LiveTable live = new LiveTable(() -> LED_BY_1, doc -> {
            shown.add(doc);
            return holdBack[0];
        });
        live.refresh();
        assertEquals(1, shown.size(), "the first refresh shows the table");
        holdBack[0] = false;
        live.refresh();
        assertEquals(2, shown.size(), "held back: shown again on the next refresh");
        live.refresh();
        assertEquals(2, shown.size(), "nothing changed, nothing shown");
        live.onEvent(new io.raftlens.raft.network.NetworkEvent.BlockCommitted(0, "mychannel", NodeId.of(1), 2, 1));
        live.refresh();
        assertEquals(3, shown.size());
    }
}
