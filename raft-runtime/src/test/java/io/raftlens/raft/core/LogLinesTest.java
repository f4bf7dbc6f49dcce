package io.raftlens.raft.core;

import static io.raftlens.raft.core.Fixtures.storage;
import static io.raftlens.raft.core.Fixtures.voters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.raftlens.raft.core.pb.HardState;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The lines a Fabric operator reads, verbatim (etcd raft v3.6 / Fabric 3 strings, node ids in hex). */
class LogLinesTest {
    private static final Consumer<RaftConfig.Builder> FABRIC = c -> c.preVote(true).checkQuorum(true);

    /** Five consenters at term 1 whose leader is gone; node 3 times out first. */
    @Test
    void preVoteElectionOnFiveNodesReadsLikeTheOrdererLog() {
        var cs = voters(1, 2, 3, 4, 5);
        Network n = new Network();
        for (long id = 1; id <= 5; id++) {
            MemoryStorage ms = storage(cs, 1, 1, 1, 1, 1, 1, 1);
            ms.setHardState(HardState.newBuilder().setTerm(1).setVote(1).setCommit(5).build());
            n.add(id, ms, FABRIC);
        }
        n.stabilize();
        n.peer(3).logger.clear();
        n.campaign(3);
        assertEquals(List.of(
                "3 is starting a new election at term 1",
                "3 became pre-candidate at term 1",
                "3 [logterm: 1, index: 5] sent MsgPreVote request to 1 at term 1",
                "3 [logterm: 1, index: 5] sent MsgPreVote request to 2 at term 1",
                "3 [logterm: 1, index: 5] sent MsgPreVote request to 4 at term 1",
                "3 [logterm: 1, index: 5] sent MsgPreVote request to 5 at term 1",
                "3 received MsgPreVoteResp from 3 at term 1",
                "3 has received 1 MsgPreVoteResp votes and 0 vote rejections",
                "3 received MsgPreVoteResp from 1 at term 1",
                "3 has received 2 MsgPreVoteResp votes and 0 vote rejections",
                "3 received MsgPreVoteResp from 2 at term 1",
                "3 has received 3 MsgPreVoteResp votes and 0 vote rejections",
                "3 became candidate at term 2",
                "3 [logterm: 1, index: 5] sent MsgVote request to 1 at term 2",
                "3 [logterm: 1, index: 5] sent MsgVote request to 2 at term 2",
                "3 [logterm: 1, index: 5] sent MsgVote request to 4 at term 2",
                "3 [logterm: 1, index: 5] sent MsgVote request to 5 at term 2",
                "3 received MsgVoteResp from 3 at term 2",
                "3 has received 1 MsgVoteResp votes and 0 vote rejections",
                "3 received MsgVoteResp from 1 at term 2",
                "3 has received 2 MsgVoteResp votes and 0 vote rejections",
                "3 received MsgVoteResp from 2 at term 2",
                "3 has received 3 MsgVoteResp votes and 0 vote rejections",
                "3 became leader at term 2",
                "raft.node: 3 elected leader 3 at term 2"), n.peer(3).logger.text());
        List<String> voter = n.peer(1).logger.text();
        assertEquals(List.of(
                "1 [logterm: 1, index: 5, vote: 1] cast MsgPreVote for 3 [logterm: 1, index: 5] at term 1",
                "1 [term: 1] received a MsgVote message with higher term from 3 [term: 2]",
                "1 became follower at term 2",
                "1 [logterm: 1, index: 5, vote: 0] cast MsgVote for 3 [logterm: 1, index: 5] at term 2",
                "raft.node: 1 elected leader 3 at term 2"), voter.subList(voter.indexOf(
                "1 [logterm: 1, index: 5, vote: 1] cast MsgPreVote for 3 [logterm: 1, index: 5] at term 1"), voter.size()));
    }

    /**
     * DESIGN.md's scenario: the leader is stopped and another is elected; the stopped node rejoins, its
     * pre-vote is ignored or rejected, and it follows the existing leader without disturbing the term.
     */
    @Test
    void stoppedNodeRejoinsWithoutDisturbingTheTerm() {
        Network n = Network.of(FABRIC, 1, 2, 3);
        n.campaign(1);
        n.propose(1, "block 1");
        n.isolate(1); // the leader is stopped: no ticks, no messages
        for (int i = 0; i < 60 && (n.leaders().isEmpty() || n.leaders().equals(List.of(1L))); i++) {
            n.tick(2);
            n.tick(3);
        }
        long leader = n.peer(2).role() == StateRole.LEADER ? 2 : 3;
        long other = 5 - leader;
        assertEquals(StateRole.LEADER, n.peer(leader).role());
        long term = n.peer(leader).term();
        n.propose(leader, "block 2");

        // The stopped node restarts from what it persisted and times out before hearing from the leader.
        n.recover();
        n.restart(1, FABRIC);
        assertEquals(StateRole.FOLLOWER, n.peer(1).role());
        n.peer(other).logger.clear();
        n.raft(1).randomizedElectionTimeout = n.raft(1).electionElapsed + 1;
        n.tick(1);
        List<String> rejoiner = n.peer(1).logger.text();
        assertTrue(rejoiner.contains("1 became pre-candidate at term " + (term - 1)), rejoiner.toString());
        // Its pre-vote asks for the cluster's current term, so it is judged on its log, which is behind.
        assertTrue(n.peer(other).logger.text().contains(other + " [logterm: " + term + ", index: 4, vote: " + leader
                + "] rejected MsgPreVote from 1 [logterm: 1, index: 2] at term " + term), n.peer(other).logger.text().toString());

        n.tick(leader); // the next heartbeat brings it back
        assertEquals(StateRole.FOLLOWER, n.peer(1).role());
        assertEquals(term, n.peer(1).term());
        assertEquals(term, n.peer(leader).term(), "no disruption");
        assertEquals(StateRole.LEADER, n.peer(leader).role());
        assertTrue(n.peer(1).logger.text().contains("raft.node: 1 elected leader " + leader + " at term " + term));
        assertEquals(n.peer(leader).committed(), n.peer(1).committed());
    }

    @Test
    void laggingNodesPreVoteIsRejectedOnceLeasesExpired() {
        Network n = Network.of(FABRIC, 1, 2, 3);
        n.campaign(1);
        n.isolate(3);
        n.propose(1, "x");
        n.recover();
        n.raft(2).electionElapsed = 10; // 2 has not heard from the leader for an election timeout
        n.peer(3).node.campaign();
        n.stabilize();
        assertTrue(n.peer(2).logger.text().contains(
                "2 [logterm: 1, index: 2, vote: 1] rejected MsgPreVote from 3 [logterm: 1, index: 1] at term 1"),
                n.peer(2).logger.text().toString());
        assertEquals(1, n.peer(1).term());
    }

    @Test
    void leaderSteppingDownForHigherTermLogsLostLeader() {
        Network n = Network.of(1, 2, 3);
        n.campaign(3);
        n.campaign(3);
        n.cut(3, 1);
        n.cut(3, 2);
        n.campaign(1);
        n.recover();
        n.tick(1);
        List<String> lines = n.peer(3).logger.text();
        assertTrue(lines.contains("3 [term: 1] received a MsgApp message with higher term from 1 [term: 2]")
                || lines.contains("3 [term: 1] received a MsgHeartbeat message with higher term from 1 [term: 2]"), lines.toString());
        assertTrue(lines.contains("raft.node: 3 changed leader from 3 to 1 at term 2"), lines.toString());
    }

    @Test
    void slf4jLoggerAppendsChannelAndNodeLikeFabric() {
        Logger logger = (Logger) LoggerFactory.getLogger(Slf4jRaftLogger.LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            Slf4jRaftLogger raftLogger = new Slf4jRaftLogger("mychannel", 10);
            raftLogger.info("becomeLeader", "a became leader at term 2");
            raftLogger.warn("stepLeader", "a stepped down to follower since quorum is not active");
            raftLogger.info("a line without function");
            assertEquals("a became leader at term 2 channel=mychannel node=10", appender.list.get(0).getFormattedMessage());
            assertEquals("becomeLeader", appender.list.get(0).getMDCPropertyMap().get(Slf4jRaftLogger.FUNCTION_KEY));
            assertEquals(ch.qos.logback.classic.Level.WARN, appender.list.get(1).getLevel());
            assertEquals("stepLeader", appender.list.get(1).getMDCPropertyMap().get(Slf4jRaftLogger.FUNCTION_KEY));
            assertEquals(null, appender.list.get(2).getMDCPropertyMap().get(Slf4jRaftLogger.FUNCTION_KEY),
                    "the function does not leak into later lines");
        } finally {
            logger.detachAppender(appender);
        }
    }

    /**
     * Fabric prints the logging function before each raft line. etcd raft 3.6 (Fabric 3.1.5 and later) order: the
     * self-votes are stepped after persistence, each with a tally line.
     */
    @Test
    void linesNameTheEtcdFunctionThatLogsThem() {
        List<String> seen = new java.util.ArrayList<>();
        RaftLogger withFunctions = new RecordingLogger() {
            @Override
            public void info(String function, String line) {
                seen.add(function + " -> " + line);
            }
        };
        MemoryStorage ms = new MemoryStorage();
        RawNode node = new RawNode(RaftConfig.builder(1, ms).preVote(true).checkQuorum(true).logger(withFunctions).build());
        node.bootstrap(List.of(1L));
        Ready rd = node.ready();
        ms.append(rd.entries());
        ms.setHardState(rd.hardState());
        node.advance(rd);
        node.campaign();
        for (int i = 0; i < 3 && node.hasReady(); i++) {
            rd = node.ready();
            ms.append(rd.entries());
            if (rd.hardState() != null) {
                ms.setHardState(rd.hardState());
            }
            node.advance(rd);
        }
        assertEquals(List.of(
                "switchToConfig -> 1 switched to configuration voters=()",
                "becomeFollower -> 1 became follower at term 0",
                "newRaft -> newRaft 1 [peers: [], term: 0, commit: 0, applied: 0, lastindex: 0, lastterm: 0]",
                "becomeFollower -> 1 became follower at term 1",
                "switchToConfig -> 1 switched to configuration voters=(1)",
                "hup -> 1 is starting a new election at term 1", // etcd logs it in hup() since 3.5
                "becomePreCandidate -> 1 became pre-candidate at term 1",
                "poll -> 1 received MsgPreVoteResp from 1 at term 1",
                "stepCandidate -> 1 has received 1 MsgPreVoteResp votes and 0 vote rejections",
                "becomeCandidate -> 1 became candidate at term 2",
                "poll -> 1 received MsgVoteResp from 1 at term 2",
                "stepCandidate -> 1 has received 1 MsgVoteResp votes and 0 vote rejections",
                "becomeLeader -> 1 became leader at term 2",
                "run -> raft.node: 1 elected leader 1 at term 2"), seen);
    }

    /**
     * etcd raft 3.5 (Fabric 2.5 to 3.1.4) starting a one-node channel prints what real orderers printed, line for
     * line: the start from a Fabric 2.5 orderer (cello issue 650), the {@code hup} label of the election line from a
     * Fabric 2.5/3.x orderer (lto note), and the election itself from a one-node Fabric 2.x orderer (minifabric issue
     * 77; its raft, etcd of 2018, counts the self-vote as 3.5 does but still logged the first line under
     * {@code Step}): the self-vote is polled before anything is sent and has no tally line, and the node wins inside
     * {@code campaign}, before any Ready.
     */
    @Test
    void singleNodeStartOnEtcd35ReadsLikeRealFabric25Orderers() throws java.io.IOException {
        List<String> seen = new java.util.ArrayList<>();
        RaftLogger withFunctions = new RecordingLogger() {
            @Override
            public void info(String function, String line) {
                seen.add(function + " -> " + line);
            }
        };
        MemoryStorage ms = new MemoryStorage();
        RawNode node = new RawNode(RaftConfig.builder(1, ms).preVote(true).checkQuorum(true)
                .etcdRaftVersion(EtcdRaftVersion.V3_5).logger(withFunctions).build());
        node.bootstrap(List.of(1L));
        Ready rd = node.ready();
        ms.append(rd.entries());
        ms.setHardState(rd.hardState());
        node.advance(rd);
        node.campaign();
        assertEquals(StateRole.LEADER, node.status().role(), "a single 3.5 node wins inside campaign, before any Ready");
        while (node.hasReady()) {
            rd = node.ready();
            ms.append(rd.entries());
            if (rd.hardState() != null) {
                ms.setHardState(rd.hardState());
            }
            node.advance(rd);
        }

        List<String> expected = new java.util.ArrayList<>(realRaftLines("cello-650-docker-desktop.log"));
        expected.add("switchToConfig -> 1 switched to configuration voters=(1)"); // applying the bootstrap entry
        expected.add(realRaftLines("lto-fabric-3.x-no-time.log").get(0));
        List<String> minifabric = realRaftLines("minifabric-77-fabric-2.x.log");
        expected.addAll(minifabric.subList(minifabric.indexOf(
                "becomePreCandidate -> 1 became pre-candidate at term 1"), minifabric.size()));
        expected.removeIf(l -> !l.matches("(switchToConfig|newRaft|become\\w+|hup|poll|stepCandidate|campaign|run) -> .*")
                || l.startsWith("run -> Raft leader changed") || l.startsWith("run -> Start accepting"));
        assertEquals(expected, seen);
        assertEquals(List.of(
                "switchToConfig -> 1 switched to configuration voters=()",
                "becomeFollower -> 1 became follower at term 0",
                "newRaft -> newRaft 1 [peers: [], term: 0, commit: 0, applied: 0, lastindex: 0, lastterm: 0]",
                "becomeFollower -> 1 became follower at term 1",
                "switchToConfig -> 1 switched to configuration voters=(1)",
                "hup -> 1 is starting a new election at term 1",
                "becomePreCandidate -> 1 became pre-candidate at term 1",
                "poll -> 1 received MsgPreVoteResp from 1 at term 1",
                "becomeCandidate -> 1 became candidate at term 2",
                "poll -> 1 received MsgVoteResp from 1 at term 2",
                "becomeLeader -> 1 became leader at term 2",
                "run -> raft.node: 1 elected leader 1 at term 2"), expected, "what the three real transcripts say");
    }

    /**
     * A real etcd v3.5.4 member starting a pre-vote in a three-member cluster (etcd issue 14666, in
     * src/test/resources/logs/real): the node's 3.5 lines, ids and all, are etcd's line for line. The ids are etcd's
     * random 64-bit member ids; {@code eaf7b1c0312d15d4} is above 2^63 and is asked last, as etcd orders uint64s.
     */
    @Test
    void preVoteCampaignOnEtcd35MatchesARealEtcd354Member() throws java.io.IOException {
        long self = Long.parseUnsignedLong("58538a766adc54bf", 16);
        long[] ids = {self, Long.parseUnsignedLong("28b20f19756071a9", 16), Long.parseUnsignedLong("eaf7b1c0312d15d4", 16)};
        io.raftlens.raft.core.pb.ConfState.Builder cs = io.raftlens.raft.core.pb.ConfState.newBuilder();
        for (long id : ids) {
            cs.addVoters(id);
        }
        MemoryStorage ms = new MemoryStorage();
        ms.applySnapshot(io.raftlens.raft.core.pb.Snapshot.newBuilder().setMetadata(io.raftlens.raft.core.pb.SnapshotMetadata
                .newBuilder().setIndex(4355640).setTerm(4).setConfState(cs)).build());
        ms.setHardState(HardState.newBuilder().setTerm(4).setVote(ids[2]).setCommit(4355640).build());
        RecordingLogger log = new RecordingLogger();
        RawNode node = new RawNode(RaftConfig.builder(self, ms).preVote(true).checkQuorum(true)
                .etcdRaftVersion(EtcdRaftVersion.V3_5).logger(log).build());
        log.lines.clear();
        node.campaign();

        List<String> real = new java.util.ArrayList<>();
        try (java.io.InputStream in = LogLinesTest.class.getResourceAsStream("/logs/real/etcd-14666-zap-3.5.log")) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                real.add(line.split("\t", 5)[4].strip()); // time, level, logger, caller, message
            }
        }
        assertEquals(real.subList(0, 5), log.text());
    }

    /** The etcdraft lines of a real orderer log under src/test/resources/logs/real, as "function -> message". */
    private static List<String> realRaftLines(String file) throws java.io.IOException {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(
                "\\[orderer\\.consensus\\.etcdraft\\] (\\w+) -> (?:[A-Z]{4} [0-9a-f]{3,} )?(.*) channel=\\S+ node=\\d+$");
        List<String> out = new java.util.ArrayList<>();
        try (java.io.InputStream in = LogLinesTest.class.getResourceAsStream("/logs/real/" + file)) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                java.util.regex.Matcher m = p.matcher(line.strip());
                if (m.find()) {
                    out.add(m.group(1) + " -> " + m.group(2));
                }
            }
        }
        return out;
    }
}
