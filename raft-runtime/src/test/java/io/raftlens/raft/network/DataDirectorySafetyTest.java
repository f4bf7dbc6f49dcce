package io.raftlens.raft.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** adversarial.md C2 and H5: the data dir is locked before anything in it is deleted, and --fresh only empties RaftLens's own folders. */
class DataDirectorySafetyTest {

    @TempDir
    Path dir;

    private NetworkPlan plan() {
        return TestNetworks.plan(dir, 3, List.of("mychannel"));
    }

    @Test
    void aSecondFreshLaunchOnALockedDataDirDeletesNothing() throws Exception {
        Path data = dir.resolve("data");
        NetworkPlan plan = plan();
        try (DataDirectory running = DataDirectory.prepare(data, plan, false)) {
            Path wal = Files.createDirectories(running.nodeDir(plan.consenters().get(0)).resolve("etcdraft/wal"));
            Files.writeString(wal.resolve("0000.wal"), "acknowledged entries");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataDirectory.prepare(data, plan, true));
            assertTrue(e.getMessage().contains("is in use by another running raftlens"), e.getMessage());
            assertFalse(e.getMessage().contains("--fresh"), e.getMessage());
            assertEquals("acknowledged entries", Files.readString(wal.resolve("0000.wal")));
        }
        // released: the next launch may empty it
        DataDirectory.prepare(data, plan, true).close();
        assertTrue(Files.exists(data.resolve(DataDirectory.MARKER)));
    }

    @Test
    void aLockHeldByAnotherProcessRefusesLaunchAndFresh() throws Exception {
        Path data = dir.resolve("data");
        NetworkPlan plan = plan();
        DataDirectory.prepare(data, plan, false).close();
        Files.writeString(data.resolve("keep"), "x");
        // the lock as another process (a running `raftlens node`) holds it: the OS lock on the lock file
        try (FileChannel ch = FileChannel.open(data.resolve(DataDirLock.FILE), StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock held = ch.lock(0, Long.MAX_VALUE, true)) {
            assertTrue(held.isValid());
            assertThrows(IllegalStateException.class, () -> DataDirectory.prepare(data, plan, true));
            assertThrows(IllegalStateException.class, () -> DataDirectory.prepareForNode(data, plan));
            assertTrue(Files.exists(data.resolve("keep")));
        }
    }

    @Test
    void nodesShareTheDataDirButALaunchDoesNot() {
        Path data = dir.resolve("data");
        NetworkPlan plan = plan();
        try (DataDirectory one = DataDirectory.prepareForNode(data, plan);
             DataDirectory two = DataDirectory.prepareForNode(data, plan)) {
            assertThrows(IllegalStateException.class, () -> DataDirectory.prepare(data, plan, true));
        }
        DataDirectory.prepare(data, plan, true).close();
    }

    @Test
    void freshNeverEmptiesAUsersFolder() throws Exception {
        Path user = dir.resolve("home");
        Files.createDirectories(user.resolve("projects"));
        Files.writeString(user.resolve("projects/thesis.tex"), "chapter 1");
        for (boolean fresh : new boolean[] {false, true}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataDirectory.prepare(user, plan(), fresh));
            assertTrue(e.getMessage().contains("was not made by raftlens") && e.getMessage().contains("never empties"), e.getMessage());
            assertFalse(e.getMessage().contains("use --fresh"), e.getMessage());
        }
        assertEquals("chapter 1", Files.readString(user.resolve("projects/thesis.tex")));
        assertFalse(Files.exists(user.resolve(DataDirLock.FILE)), "nothing written into a foreign folder");
        // a network.json RaftLens did not write does not make the folder ours
        Files.writeString(user.resolve(DataDirectory.MARKER), "{\"name\": \"my npm-ish project\"}");
        assertThrows(IllegalStateException.class, () -> DataDirectory.prepare(user, plan(), true));
        assertEquals("chapter 1", Files.readString(user.resolve("projects/thesis.tex")));
        // a symbolic link as data dir is refused, and what it points to kept
        Path link = Files.createSymbolicLink(dir.resolve("link"), user);
        assertThrows(IllegalStateException.class, () -> DataDirectory.prepare(link, plan(), true));
        assertTrue(Files.exists(user.resolve("projects/thesis.tex")));
    }

    @Test
    void freshDeletesSymlinksNotTheirTargets() throws Exception {
        Path data = dir.resolve("data");
        NetworkPlan plan = plan();
        DataDirectory.prepare(data, plan, false).close();
        Path outside = Files.writeString(dir.resolve("outside.txt"), "mine");
        Files.createSymbolicLink(data.resolve("link"), outside);
        DataDirectory.prepare(data, plan, true).close();
        assertFalse(Files.exists(data.resolve("link"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("mine", Files.readString(outside));
    }
}
