package io.raftlens.raft.node.core;

import com.google.protobuf.ByteString;
import io.raftlens.raft.core.RaftLogger;
import io.raftlens.raft.core.StateRole;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.orderer.BlockFactory;
import io.raftlens.raft.orderer.GenesisBlock;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;
import org.hyperledger.fabric.protos.orderer.etcdraft.Options;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Scripted scenarios of the chain core, etcd's way ({@code rafttest}'s interaction tests): every file under
 * {@code src/test/resources/chain-scripts} is a list of events with the actions and log lines each must produce.
 *
 * <p>NB: if this test fails, run it with {@code -Draftlens.rewrite=true} and inspect the diff
 * ({@code git diff src/test/resources/chain-scripts}). Only commit the changes if you understand what caused them.
 *
 * <p>Commands (one per case; the output is everything the event produced):
 * <pre>
 * new id=1 count=2 preferred=100 absolute=1000 timeout=2s inflight=2 [snapshot=1048576] [last=3]   a chain core
 *                            after the genesis block (snapshot: SnapshotIntervalSize in bytes; last: the ledger
 *                            holds the other consenters' blocks up to 3)
 * start mode=fresh|join|restart channel=mychannel consenters=3 [applied=7] [snapshot-block=2] [voters=1,2,3]
 *                            the Raft node starts (consenters: the cluster size; applied: the ledger's last Raft
 *                            index; voters: as recovered, default the consenters)
 * role role=leader|follower|candidate|pre-candidate leader=1 term=2    Raft's role, leader and term changed
 * submit tx=a [bytes=N]      a broadcast (answered as t1, t2, … in submit order); bytes pads the payload
 * submit-config tx=cfg       a config transaction reached this node (forwarded, refused, or ordered by the driver)
 * forwarded tx=a validated=1 current=2   a transaction a follower forwarded, checked there at config sequence 1
 * revalidated tx=a [error=…]   the outcome of the revalidation the core asked for (the last forwarded token)
 * route                      where a broadcast would go now (ORDER, FORWARD to the leader, REFUSE)
 * timeout                    the BatchTimeout fired
 * quorum-commit block=1      a Ready reports the proposed block 1 committed by a quorum
 * apply term=2 [block=1] [other]   an entry of term 2 applied; with block: that proposed block written
 *                            (other: another leader's block with that number written instead)
 * propose-failed block=2 reason=… leader=3   Raft dropped the proposal of block 2
 * config tx=cfg              order a config transaction alone in its block
 * config-pause [reason=…]    a config block is being applied (no reason: it is done)
 * halt reason=…              the chain halts (eviction, failure)
 * abdicate lead=1 progress=2:5:active,3:7:active:paused wait=1s   stop while leading: Raft's leader and each
 *                            follower's id:match[:active][:paused]; wait is ElectionTick × TickInterval
 * abdication-timeout         the abdication timer fired
 * snapshot block=5 [index=9] [voters=1,2,3] [retry=200ms]   a snapshot at Raft index 9 holding block 5 was
 *                            installed (catch-up)
 * commit [from=5] term=2 entries=empty,block:1,add:4,remove:3,junk,old:1,config:2:300   a batch of committed entries
 *                            (from: the first one's index, default after the last; see {@code entries})
 * snapshot-taken             the snapshot the core asked for is saved
 * batch-config number=4 [count=2] [preferred=…] [absolute=…] [timeout=1s]   config block 4 changes block 0's batch
 *                            settings as given (none given: the same as block 0's)
 * pulled block=3             block 3 was pulled from another consenter
 * pull-failed block=3        no consenter serves block 3 (yet)
 * catch-up-retry             the catch-up retry timer fired
 * eviction-check at=10s suspicion=10s   Fabric's periodic eviction check at that time (monotonic)
 * eviction-pulled blocks=3 [config=2:1,2] [last-config=5] [refused]   the suspicion pulled 3 blocks after this
 *                            node's last one; block 2 is a config block listing consenters 1 and 2; last-config:
 *                            the blocks name block 5 as their last config block; refused: nothing served
 * consenters self=1 ids=1,2,3 [voters=1,2,3] [block=0]   a channel's consenter changes (ConsenterChanges)
 * config-ordered             the leader ordered a config block
 * config-block number=5 ids=1,2   config block 5 listing consenters 1 and 2 is written
 * conf-change-applied add=4|remove=3 [replay]   a committed Raft conf change was applied
 * ordering-failed            the config block's proposal was dropped (or leadership lost first)
 * consenter-status           consenters, voters, the change still needed and what the leader does about it
 * status [applied]          the core's state (applied: with the applied index)
 * </pre>
 * Values cannot contain spaces: write {@code _} for a space.
 */
class ChainCoreScriptTest {

    private static final Path DIR = Path.of("src/test/resources/chain-scripts");
    private static final boolean REWRITE = Boolean.getBoolean("raftlens.rewrite");

    @TestFactory
    Stream<DynamicTest> scripts() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no scripts under " + DIR.toAbsolutePath());
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(DIR.relativize(f).toString(), () -> run(f)));
    }

    private static void run(Path file) throws IOException {
        ScriptFile script = new ScriptFile(file);
        Env env = new Env();
        List<String> actual = new ArrayList<>();
        for (ScriptFile.Case c : script.cases) {
            String out = env.handle(c);
            actual.add(out);
            if (!REWRITE) {
                assertEquals(c.expected(), out.isEmpty() ? "" : out + "\n", file.getFileName() + ":" + c.line() + " "
                        + c.command() + " — if the change is intended, run with -Draftlens.rewrite=true and inspect the diff");
            }
        }
        if (REWRITE) {
            script.rewrite(actual);
        }
    }

    /** The scripted chain: one core, its proposed blocks, and what it logs. */
    private static final class Env {
        private ChainCore core;
        private final List<String> logged = new ArrayList<>();
        private final Map<Long, Block> proposed = new HashMap<>();
        private final Map<Long, String> tokens = new HashMap<>();
        private long nextToken = 1;
        private long lastWritten;
        /** The Raft index after the last committed entry of the script. */
        private long nextIndex = 1;
        /** {@code new accepts=true}: the script shows when broadcasts are accepted ({@link ChainAction.Accept}). */
        private boolean showAccepts;
        private Block genesis;
        private ConsenterChanges changes;
        /** This node's ledger as far as the script wrote it (write-block actions). */
        private final Map<Long, Block> ledger = new HashMap<>();

        private final RaftLogger log = new RaftLogger() {
            @Override public void debug(String line) { }
            @Override public void info(String line) { logged.add("INFO " + line); }
            @Override public void warn(String line) { logged.add("WARN " + line); }
            @Override public void error(String line) { logged.add("ERROR " + line); }
            @Override public boolean isDebugEnabled() { return false; }
        };

        String handle(ScriptFile.Case c) {
            List<ChainAction> actions = switch (c.command()) {
                case "new" -> {
                    BatchSize size = BatchSize.newBuilder().setMaxMessageCount(Integer.parseInt(c.arg("count", "10")))
                            .setPreferredMaxBytes(Integer.parseInt(c.arg("preferred", "1000")))
                            .setAbsoluteMaxBytes(Integer.parseInt(c.arg("absolute", "10000"))).build();
                    Duration timeout = duration(c.arg("timeout", "2s"));
                    showAccepts = Boolean.parseBoolean(c.arg("accepts", "false"));
                    genesis = GenesisBlock.create("mychannel", size, timeout, metadata());
                    ledger.clear();
                    ledger.put(0L, genesis);
                    proposed.clear();
                    long last = Long.parseLong(c.arg("last", "0"));
                    for (long n = 1; n <= last; n++) {
                        ledger.put(n, ledgerBlock(n));
                    }
                    core = new ChainCore(Long.parseLong(c.arg("id", "1")), size, timeout,
                            Integer.parseInt(c.arg("inflight", "5")), ledger.get(last),
                            Long.parseLong(c.arg("snapshot", "1048576")), log);
                    nextIndex = 1;
                    yield List.of();
                }
                case "start" -> {
                    List<Long> consenters = java.util.stream.LongStream.rangeClosed(1,
                            Long.parseLong(c.arg("consenters", "3"))).boxed().toList();
                    long applied = Long.parseLong(c.arg("applied", "0"));
                    nextIndex = applied + 1;
                    yield core.start(StartMode.valueOf(c.arg("mode").toUpperCase(Locale.ROOT)), c.arg("channel", "mychannel"),
                            consenters, new ChainCore.Applied(applied, Long.parseLong(c.arg("snapshot-block", "0")),
                                    c.args().containsKey("voters") ? ids(c.arg("voters")) : consenters));
                }
                case "commit" -> core.apply(entries(c));
                case "snapshot-taken" -> core.snapshotTaken();
                case "batch-config" -> {
                    GenesisBlock.OrderingConfig before = GenesisBlock.read(genesis);
                    BatchSize size = before.batchSize().toBuilder()
                            .setMaxMessageCount(Integer.parseInt(c.arg("count", Integer.toString(before.batchSize().getMaxMessageCount()))))
                            .setPreferredMaxBytes(Integer.parseInt(c.arg("preferred", Integer.toString(before.batchSize().getPreferredMaxBytes()))))
                            .setAbsoluteMaxBytes(Integer.parseInt(c.arg("absolute", Integer.toString(before.batchSize().getAbsoluteMaxBytes()))))
                            .build();
                    Duration timeout = c.args().containsKey("timeout") ? duration(c.arg("timeout")) : before.batchTimeout();
                    logged.add("in force: " + core.batchConfig(before, new GenesisBlock.OrderingConfig(before.channelId(), size,
                            timeout, before.etcdRaft()), Long.parseLong(c.arg("number"))).map(b -> "MaxMessageCount "
                            + b.getMaxMessageCount()).orElse("unchanged"));
                    yield List.of();
                }
                case "role" -> core.roleChanged(role(c.arg("role")), Long.parseLong(c.arg("leader")),
                        Long.parseLong(c.arg("term")));
                case "submit" -> {
                    long t = nextToken++;
                    String tx = c.arg("tx");
                    tokens.put(t, tx);
                    String payload = tx + ".".repeat(Math.max(0, Integer.parseInt(c.arg("bytes", "0")) - tx.length()));
                    yield core.submit(t, Envelope.newBuilder().setPayload(ByteString.copyFromUtf8(payload)).build());
                }
                case "submit-config" -> {
                    long t = nextToken++;
                    tokens.put(t, c.arg("tx"));
                    yield core.submitConfig(t);
                }
                case "forwarded" -> {
                    long t = nextToken++;
                    tokens.put(t, c.arg("tx"));
                    yield core.forwardedSubmit(t, Envelope.newBuilder().setPayload(ByteString.copyFromUtf8(c.arg("tx"))).build(),
                            Long.parseLong(c.arg("validated")), Long.parseLong(c.arg("current")));
                }
                case "revalidated" -> core.revalidated(nextToken - 1, Envelope.newBuilder()
                        .setPayload(ByteString.copyFromUtf8(c.arg("tx"))).build(),
                        c.args().containsKey("error") ? text(c.arg("error")) : null);
                case "route" -> {
                    ChainCore.Route r = core.route();
                    logged.add("route " + r + (r == ChainCore.Route.FORWARD ? " to=" + core.leader() : "")
                            + (r == ChainCore.Route.REFUSE ? " \"" + core.notServing().info() + "\"" : ""));
                    yield List.of();
                }
                case "timeout" -> core.batchTimeout();
                case "quorum-commit" -> core.quorumCommitted(List.of(Entry.newBuilder().setIndex(1).setTerm(1)
                        .setData(proposed.get(Long.parseLong(c.arg("block"))).toByteString()).build()));
                case "apply" -> {
                    Block written = null;
                    if (c.args().containsKey("block")) {
                        long n = Long.parseLong(c.arg("block"));
                        written = c.args().containsKey("other") ? otherBlock(n) : proposed.get(n);
                        lastWritten = n;
                    }
                    yield core.entryApplied(Long.parseLong(c.arg("term")), written);
                }
                case "propose-failed" -> core.proposalFailed(Long.parseLong(c.arg("block")), text(c.arg("reason")),
                        Long.parseLong(c.arg("leader", "0")));
                case "config" -> core.orderConfig(Envelope.newBuilder()
                        .setPayload(ByteString.copyFromUtf8(c.arg("tx"))).build());
                case "config-pause" -> core.configPause(c.args().containsKey("reason") ? text(c.arg("reason")) : null);
                case "halt" -> core.halt(text(c.arg("reason")));
                case "abdicate" -> core.abdicate(Long.parseLong(c.arg("lead")), progress(c.arg("progress", "")),
                        duration(c.arg("wait", "1s")));
                case "abdication-timeout" -> core.abdicationTimeout();
                case "snapshot" -> core.snapshotReceived(ledgerBlock(Long.parseLong(c.arg("block"))),
                        Long.parseLong(c.arg("index", "0")), ids(c.arg("voters", "1,2,3")), duration(c.arg("retry", "200ms")));
                case "pulled" -> core.blockPulled(ledgerBlock(Long.parseLong(c.arg("block"))));
                case "pull-failed" -> core.pullFailed(Long.parseLong(c.arg("block")));
                case "catch-up-retry" -> core.catchUpRetry();
                case "eviction-check" -> core.evictionCheck(duration(c.arg("at")).toNanos(), duration(c.arg("suspicion")));
                case "eviction-pulled" -> core.evictionPulled(evictionChain(Integer.parseInt(c.arg("blocks", "0")),
                        c.arg("config", ""), Long.parseLong(c.arg("last-config", "-1"))), c.args().containsKey("refused"), n -> java.util.Optional.ofNullable(ledger.get(n)),
                        ledger.get((long) ledger.size() - 1));
                case "consenters" -> {
                    changes = new ConsenterChanges("mychannel", Long.parseLong(c.arg("self")), log, ids(c.arg("ids")),
                            Long.parseLong(c.arg("block", "0")), ids(c.arg("voters", c.arg("ids"))));
                    yield List.of();
                }
                case "config-ordered" -> {
                    changes.configOrdered();
                    yield List.of();
                }
                case "config-block" -> {
                    changes.configBlockWritten(Long.parseLong(c.arg("number")), ids(c.arg("ids")));
                    yield List.of();
                }
                case "conf-change-applied" -> {
                    boolean add = c.args().containsKey("add");
                    ConsenterChanges.Applied a = changes.confChangeApplied(io.raftlens.raft.core.pb.ConfChange.newBuilder()
                            .setType(add ? io.raftlens.raft.core.pb.ConfChangeType.ConfChangeAddNode
                                    : io.raftlens.raft.core.pb.ConfChangeType.ConfChangeRemoveNode)
                            .setNodeId(Long.parseLong(c.arg(add ? "add" : "remove"))).build(), c.args().containsKey("replay"));
                    logged.add("applied changed=" + a.changed() + " voters=" + ConsenterChanges.goList(a.voters())
                            + (a.removesSelf() ? " removes-self" : ""));
                    yield List.of();
                }
                case "ordering-failed" -> {
                    logged.add("config in flight: " + changes.configOrderingFailed());
                    yield List.of();
                }
                case "consenter-status" -> {
                    logged.add("consenters=" + ConsenterChanges.goList(changes.consenters()) + " block=" + changes.configBlock()
                            + " voters=" + ConsenterChanges.goList(changes.voters()) + " needed="
                            + changes.needed().map(cc -> cc.getType() + " " + cc.getNodeId()).orElse("none")
                            + " next=" + changes.nextStep().map(this::describe).orElse("none")
                            + (changes.pausing() ? " pausing: " + changes.pauseReason() : ""));
                    yield List.of();
                }
                case "status" -> {
                    logged.add(core.serving() + " role=" + core.role().label() + " leader=" + core.leader() + " term="
                            + core.term() + " inflight=" + core.inflightBlocks() + " waiting=" + core.waitingBroadcasts()
                            + (core.catchingUp() ? " catching-up" : "") + (c.args().containsKey("applied")
                            ? " applied=" + core.appliedIndex() : ""));
                    yield List.of();
                }
                default -> throw new IllegalArgumentException(c.line() + ": unknown command " + c.command());
            };
            List<String> out = new ArrayList<>(logged);
            logged.clear();
            for (ChainAction a : actions) {
                if (a instanceof ChainAction.Accept && !showAccepts) {
                    continue; // scripts about other things leave acceptances out
                }
                out.add(describe(a));
            }
            return String.join("\n", out);
        }

        /**
         * The entries of {@code commit [from=N] term=T entries=empty,block:1,add:4,remove:3,junk,old:1}: consecutive
         * Raft indexes from {@code from} (default: after the last committed one); {@code block:N} holds the block this
         * core proposed with that number, else the other consenters' block N; {@code old:N} is block N again (a
         * block the ledger already has); {@code junk} is a normal entry that holds no block; {@code config:N:B} is
         * config block N setting SnapshotIntervalSize to B bytes.
         */
        private List<Entry> entries(ScriptFile.Case c) {
            long index = Long.parseLong(c.arg("from", Long.toString(nextIndex)));
            long term = Long.parseLong(c.arg("term"));
            List<Entry> out = new ArrayList<>();
            for (String spec : c.arg("entries").split(",")) {
                String[] kv = spec.split(":");
                Entry.Builder e = Entry.newBuilder().setIndex(index++).setTerm(term);
                switch (kv[0]) {
                    case "empty" -> { }
                    case "block", "old" -> {
                        long n = Long.parseLong(kv[1]);
                        e.setData((proposed.containsKey(n) ? proposed.get(n) : ledgerBlock(n)).toByteString());
                    }
                    case "junk" -> e.setData(ByteString.copyFromUtf8("not a block"));
                    case "config" -> {
                        long n = Long.parseLong(kv[1]);
                        ConfigMetadata md = metadata().toBuilder().setOptions(metadata().getOptions().toBuilder()
                                .setSnapshotIntervalSize(Integer.parseInt(kv[2]))).build();
                        e.setData(new BlockFactory(ledgerBlock(n - 1).getHeader()).createNextBlock(List.of(
                                io.raftlens.raft.orderer.ConfigBlocks.configEnvelope(genesis, md, java.time.Instant.EPOCH)))
                                .toByteString());
                    }
                    case "add", "remove" -> e.setType(io.raftlens.raft.core.pb.EntryType.EntryConfChange).setData(
                            io.raftlens.raft.core.pb.ConfChange.newBuilder().setType(kv[0].equals("add")
                                    ? io.raftlens.raft.core.pb.ConfChangeType.ConfChangeAddNode
                                    : io.raftlens.raft.core.pb.ConfChangeType.ConfChangeRemoveNode)
                                    .setNodeId(Long.parseLong(kv[1])).build().toByteString());
                    default -> throw new IllegalArgumentException(c.line() + ": unknown entry " + spec);
                }
                out.add(e.build());
            }
            nextIndex = Math.max(nextIndex, index);
            return out;
        }

        /** Block {@code number} of the channel as the other consenters hold it (blocks "b1", "b2", … after genesis). */
        private Block ledgerBlock(long number) {
            Block b = genesis;
            BlockFactory f = new BlockFactory(genesis.getHeader());
            for (long n = 1; n <= number; n++) {
                b = f.createNextBlock(List.of(Envelope.newBuilder().setPayload(ByteString.copyFromUtf8("b" + n)).build()));
            }
            return b;
        }

        /**
         * {@code count} blocks the other consenters hold after this node's last block; with {@code config=K:1,2},
         * block K is a config block listing consenters 1 and 2 and the blocks after it point to it.
         */
        private List<Block> evictionChain(int count, String config, long lastConfigOverride) {
            long configNumber = -1;
            List<Long> ids = List.of();
            if (!config.isEmpty()) {
                String[] kv = config.split(":");
                configNumber = Long.parseLong(kv[0]);
                ids = java.util.Arrays.stream(kv[1].split(",")).map(Long::parseLong).toList();
            }
            Block last = ledger.get((long) ledger.size() - 1);
            long lastConfig = io.raftlens.raft.orderer.Blocks.lastConfigIndex(last);
            BlockFactory f = new BlockFactory(last.getHeader());
            List<Block> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long n = last.getHeader().getNumber() + 1 + i;
                Block b;
                if (n == configNumber) {
                    ConfigMetadata.Builder md = metadata().toBuilder().clearConsenters();
                    for (long id : ids) {
                        md.addConsenters(metadata().getConsenters(0).toBuilder().setHost("orderer" + id + ".example.com"));
                    }
                    b = f.createNextBlock(List.of(io.raftlens.raft.orderer.ConfigBlocks.configEnvelope(genesis, md.build(),
                            java.time.Instant.EPOCH)));
                    lastConfig = n;
                } else {
                    b = f.createNextBlock(List.of(Envelope.newBuilder().setPayload(ByteString.copyFromUtf8("b" + n)).build()));
                }
                List<Long> consenters = lastConfig == configNumber ? ids : List.of(1L, 2L, 3L);
                out.add(io.raftlens.raft.orderer.Blocks.withOrdererMetadata(b, lastConfigOverride >= 0 ? lastConfigOverride : lastConfig,
                        org.hyperledger.fabric.protos.orderer.etcdraft.BlockMetadata.newBuilder().addAllConsenterIds(consenters)
                                .setNextConsenterId(4).setRaftIndex(n + 2).build()));
            }
            return out;
        }

        /** A block another leader wrote with this number (other transactions), after the last block written. */
        private Block otherBlock(long number) {
            Block prev = number - 1 == 0 ? genesis : proposed.get(number - 1);
            BlockFactory f = new BlockFactory(prev.getHeader());
            return f.createNextBlock(List.of(Envelope.newBuilder().setPayload(ByteString.copyFromUtf8("other")).build()));
        }

        private String describe(ChainAction a) {
            if (a instanceof ChainAction.Propose p) {
                Block b;
                try {
                    b = Block.parseFrom(p.block());
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    throw new IllegalStateException(e);
                }
                proposed.put(p.number(), b);
                List<String> txs = new ArrayList<>();
                for (ByteString d : b.getData().getDataList()) {
                    try {
                        txs.add(Envelope.parseFrom(d).getPayload().toString(StandardCharsets.UTF_8).replaceAll("\\.+$", ""));
                    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return "propose block [" + p.number() + "] " + txs;
            }
            if (a instanceof ChainAction.Reply r) {
                Answer x = r.answer();
                String who = "t" + r.token() + "(" + tokens.get(r.token()) + ")";
                return "reply " + who + " " + x.status() + (x.block() >= 0 ? " block=" + x.block() : "")
                        + (x.info().isEmpty() ? "" : " \"" + x.info() + "\"") + (x.leader() != 0 ? " leader=" + x.leader() : "");
            }
            if (a instanceof ChainAction.Forward f) {
                return "forward t" + f.token() + "(" + tokens.get(f.token()) + ") to=" + f.leader();
            }
            if (a instanceof ChainAction.Revalidate r) {
                return "revalidate t" + r.token() + "(" + tokens.get(r.token()) + ")";
            }
            if (a instanceof ChainAction.Accept x) {
                return "accept t" + x.token() + "(" + tokens.get(x.token()) + ")";
            }
            if (a instanceof ChainAction.StartBatchTimer t) {
                return "start-batch-timer " + t.timeout().toMillis() + "ms";
            }
            if (a instanceof ChainAction.TransferLeadership t) {
                return "transfer-leadership to=" + t.to();
            }
            if (a instanceof ChainAction.StartAbdicationTimer t) {
                return "start-abdication-timer " + t.timeout().toMillis() + "ms";
            }
            if (a instanceof ChainAction.PullBlocks p) {
                return "pull-blocks [" + p.from() + ".." + p.to() + "]";
            }
            if (a instanceof ChainAction.WriteBlock w) {
                ledger.put(w.block().getHeader().getNumber(), w.block());
                return "write-block [" + w.block().getHeader().getNumber() + "]";
            }
            if (a instanceof ChainAction.PullForEviction p) {
                return "pull-for-eviction from=" + p.from();
            }
            if (a instanceof ChainAction.Halt h) {
                return "halt" + (h.evicted() ? " evicted" : "") + " \"" + h.reason() + "\"";
            }
            if (a instanceof ChainAction.RetryCatchUp r) {
                return "retry-catch-up " + r.after().toMillis() + "ms";
            }
            if (a instanceof ChainAction.CaughtUp u) {
                return "caught-up [" + u.number() + "]";
            }
            if (a instanceof ChainAction.AppendBlock b) {
                ledger.put(b.block().getHeader().getNumber(), b.block());
                return "append-block [" + b.block().getHeader().getNumber() + "] index=" + b.index();
            }
            if (a instanceof ChainAction.ApplyConfChange x) {
                return "apply-conf-change " + x.change().getType() + " " + x.change().getNodeId() + " index=" + x.index()
                        + (x.replay() ? " replay" : "");
            }
            if (a instanceof ChainAction.TakeSnapshot t) {
                return "take-snapshot index=" + t.index() + " block=[" + t.number() + "]";
            }
            if (a instanceof ChainAction.ProposeConfChange p) {
                return "propose-conf-change " + p.change().getType() + " " + p.change().getNodeId();
            }
            if (a instanceof ChainAction.HandOverLeadership) {
                return "hand-over-leadership";
            }
            if (a instanceof ChainAction.CampaignUntilLeader) {
                return "campaign-until-leader";
            }
            if (a instanceof ChainAction.AbdicationDone d) {
                return "abdication-done leader=" + d.leader();
            }
            return "stop-batch-timer";
        }

        /** {@code 100ms}, {@code 2s}, {@code 10m}. */
        private static Duration duration(String v) {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            return Duration.parse("PT" + v.toUpperCase(Locale.ROOT));
        }

        /** {@code 2:5:active,3:7:active:paused}: each follower's id, match and flags (the leader's own entry is added). */
        private Map<Long, io.raftlens.raft.core.Progress> progress(String spec) {
            Map<Long, io.raftlens.raft.core.Progress> m = new java.util.TreeMap<>();
            m.put(core.leader() == 0 ? 1 : core.leader(), new io.raftlens.raft.core.Progress(0, 1,
                    io.raftlens.raft.core.ProgressState.REPLICATE, true, 0, false));
            for (String p : spec.isEmpty() ? new String[0] : spec.split(",")) {
                String[] f = p.split(":");
                List<String> flags = List.of(f).subList(2, f.length);
                long match = Long.parseLong(f[1]);
                m.put(Long.parseLong(f[0]), new io.raftlens.raft.core.Progress(match, match + 1,
                        flags.contains("paused") ? io.raftlens.raft.core.ProgressState.PROBE
                                : io.raftlens.raft.core.ProgressState.REPLICATE,
                        flags.contains("active"), 0, flags.contains("paused")));
            }
            return m;
        }

        private static List<Long> ids(String csv) {
            return csv.isEmpty() ? List.of() : java.util.Arrays.stream(csv.split(",")).map(Long::parseLong).toList();
        }

        private static String text(String v) {
            return v.replace('_', ' ');
        }

        private static StateRole role(String label) {
            for (StateRole r : StateRole.values()) {
                if (r.label().equals(label)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("no role " + label);
        }

        private static ConfigMetadata metadata() {
            ConfigMetadata.Builder b = ConfigMetadata.newBuilder().setOptions(Options.newBuilder().setTickInterval("100ms")
                    .setElectionTick(10).setHeartbeatTick(1).setMaxInflightBlocks(5).setSnapshotIntervalSize(1 << 20));
            for (int i = 1; i <= 3; i++) {
                b.addConsenters(Consenter.newBuilder().setHost("orderer" + i + ".example.com").setPort(7050)
                        .setClientTlsCert(ByteString.copyFromUtf8("c" + i)).setServerTlsCert(ByteString.copyFromUtf8("s" + i)));
            }
            return b.build();
        }
    }
}
