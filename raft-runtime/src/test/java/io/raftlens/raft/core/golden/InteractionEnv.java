package io.raftlens.raft.core.golden;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.raftlens.raft.core.MemoryStorage;
import io.raftlens.raft.core.ProposalDroppedException;
import io.raftlens.raft.core.RaftConfig;
import io.raftlens.raft.core.RaftException;
import io.raftlens.raft.core.RaftLogger;
import io.raftlens.raft.core.RawNode;
import io.raftlens.raft.core.Ready;
import io.raftlens.raft.core.pb.ConfChange;
import io.raftlens.raft.core.pb.ConfState;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.EntryType;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.MessageType;
import io.raftlens.raft.core.pb.Snapshot;
import io.raftlens.raft.core.pb.SnapshotMetadata;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An interaction environment in the manner of etcd's {@code rafttest.InteractionEnv}: nodes 1..n (RawNode over
 * MemoryStorage, ElectionTick 3, HeartbeatTick 1, as etcd's harness), a single ordered queue of messages in
 * flight, and commands that drive them step by step. A command prints what etcd's harness prints: the nodes' raft
 * log lines interleaved with etcd's Ready and message dumps ({@link Describe}), stabilize's and a multi-node
 * process-ready's "&gt; N handling Ready" / "&gt; N receiving messages" sections indented by two spaces, and nothing at
 * all under {@code log-level none}.
 *
 * <p>Commands: {@code log-level L}, {@code add-nodes N [voters=(1,2,3)] [index=I] [inflight=K] [prevote=true]
 * [checkquorum=true]}, {@code campaign N}, {@code propose N DATA}, {@code process-ready N...},
 * {@code deliver-msgs N... [drop=(N,...)] [type=MsgApp]}, {@code stabilize [N...] [log-level=L]},
 * {@code tick-election N}, {@code tick-heartbeat N}, {@code isolate N}, {@code heal}, {@code raft-log N},
 * {@code status N}, {@code compact N I}, {@code send-snapshot FROM TO},
 * {@code set-randomized-election-timeout N timeout=T}, {@code process-append-thread N...} (with
 * {@code add-nodes … async-storage-writes=true}), {@code propose-conf-change N v1=true} (body line: one change,
 * {@code v2} or {@code r1}), {@code raft-state}. As etcd's harness, each node keeps a snapshot after every applied
 * entry and its storage hands out the latest one (etcd's {@code snapOverrideStorage}).
 */
final class InteractionEnv {

    static final int ELECTION_TICK = 3;
    static final int HEARTBEAT_TICK = 1;

    private enum Level { DEBUG, INFO, WARN, ERROR, NONE }

    /**
     * A node; with {@code async} (etcd's {@code async-storage-writes=true}) its Readys are taken without being
     * persisted: RaftLens' pipelined Readys, written in order by {@code process-append-thread}.
     */
    private record Node(long id, RawNode raw, MemoryStorage storage, boolean async, java.util.ArrayDeque<Ready> appending) { }

    private final List<Node> nodes = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private final Set<Long> isolated = new HashSet<>();
    /** What the current command printed: Ready and message dumps interleaved with log lines, as etcd's buffer. */
    private StringBuilder out = new StringBuilder();
    private final List<String> nodeLines = new ArrayList<>();
    /** Each node's configuration as of its last applied conf change (etcd's raft-state reads it from Status). */
    private final Map<Long, ConfState> configs = new java.util.HashMap<>();
    /**
     * etcd's per-node {@code History}: a snapshot after every applied entry (index, term, configuration). As in
     * etcd's harness, a node's storage hands out the latest of them when the leader needs a snapshot.
     */
    private final Map<Long, List<Snapshot>> history = new java.util.HashMap<>();
    private Level level = Level.DEBUG;
    /** Whether the current command wrote Ready or message dumps that log-level none swallowed (etcd v3.5 says "ok (quiet)"). */
    private boolean swallowed;
    /** The etcd raft release every node of this environment behaves like (etcd's own testdata of that release). */
    private final io.raftlens.raft.core.EtcdRaftVersion version;

    private boolean v35() {
        return version == io.raftlens.raft.core.EtcdRaftVersion.V3_5;
    }

    InteractionEnv() {
        this(io.raftlens.raft.core.EtcdRaftVersion.V3_6);
    }

    InteractionEnv(io.raftlens.raft.core.EtcdRaftVersion version) {
        this.version = version;
    }

    static final String NODE_PREFIX = "raft.node: ";

    /** Every {@code raft.node: ...} leader-change line printed so far, in order. */
    List<String> nodeLines() {
        return List.copyOf(nodeLines);
    }

    /** Runs one command line and returns its output lines ("ok" when it printed nothing). */
    List<String> execute(String commandLine) {
        out = new StringBuilder();
        swallowed = false;
        String[] withBody = commandLine.split("\n");
        Command c = Command.parse(withBody[0]);
        List<String> body = List.of(withBody).subList(1, withBody.length);
        switch (c.name()) {
            case "log-level" -> level = Level.valueOf(c.positional(0).toUpperCase(Locale.ROOT));
            case "add-nodes" -> addNodes(c);
            case "campaign" -> node(c.positionalId(0)).raw.campaign();
            case "propose" -> propose(c);
            case "process-ready" -> processReadyCommand(c.ids());
            // process-append-thread 1 2   (async nodes: persist the oldest Ready taken, release its responses, advance)
            case "process-append-thread" -> processAppendThreadCommand(c.ids());
            case "deliver-msgs" -> deliverMsgs(c);
            case "stabilize" -> stabilizeCommand(c);
            case "tick-election" -> tick(c.positionalId(0), ELECTION_TICK);
            case "tick-heartbeat" -> tick(c.positionalId(0), HEARTBEAT_TICK);
            case "isolate" -> isolate(c.positionalId(0));
            case "heal" -> isolated.clear();
            case "raft-log" -> raftLog(c.positionalId(0));
            case "set-randomized-election-timeout" -> checkTimeout(c);
            // propose-conf-change 1 v1=true   (body: one change, "v2" add voter 2, "r1" remove node 1)
            case "propose-conf-change" -> proposeConfChange(c, body);
            // raft-state   (each node: "1: StateLeader (Voter) Term:1 Lead:1", as etcd's handler prints it)
            case "raft-state" -> raftState();
            // status 1   (the leader's progress of every peer, etcd's ProgressMap.String())
            // send-snapshot 1 3   (etcd: a MsgSnap with 1's latest snapshot, queued as if 1 had sent it)
            case "send-snapshot" -> sendSnapshot(c.positionalId(0), c.positionalId(1));
            case "status" -> print(node(c.positionalId(0)).raw.describeProgress());
            // compact 1 11   (etcd: Storage.Compact(11), then the raft-log listing)
            case "compact" -> compact(c.positionalId(0), Long.parseLong(c.positional(1)));
            default -> throw new IllegalArgumentException("unknown command '" + c.name() + "'");
        }
        if (out.isEmpty()) {
            // etcd v3.5's handler says so when the output was swallowed by log-level none.
            return List.of(v35() && swallowed ? "ok (quiet)" : "ok");
        }
        return List.of(out.toString().split("\n"));
    }

    /** Appends one line, unless the level is NONE (etcd's RedirectLogger then swallows all output). */
    private void println(String line) {
        if (level != Level.NONE) {
            out.append(line).append('\n');
        } else {
            swallowed = true;
        }
    }

    /** Appends raw text, unless the level is NONE. */
    private void print(String text) {
        if (level != Level.NONE) {
            out.append(text);
        } else if (!text.isEmpty()) {
            swallowed = true;
        }
    }

    /** etcd's withIndent: whatever {@code body} prints is indented by two spaces. */
    private void withIndent(Runnable body) {
        StringBuilder orig = out;
        out = new StringBuilder();
        try {
            body.run();
        } finally {
            String inner = out.toString();
            out = orig;
            if (!inner.isEmpty()) {
                for (String l : inner.split("\n")) {
                    out.append("  ").append(l).append('\n');
                }
            }
        }
    }

    private void processReadyCommand(List<Long> ids) {
        for (long id : ids) {
            if (ids.size() > 1) {
                out.append("> ").append(id).append(" handling Ready\n");
                withIndent(() -> processReady(id));
            } else {
                processReady(id);
            }
        }
    }

    private void stabilizeCommand(Command c) {
        String lvl = c.arg("log-level");
        Level old = level;
        if (lvl != null) {
            level = Level.valueOf(lvl.toUpperCase(Locale.ROOT));
        }
        try {
            stabilize(c.ids());
        } finally {
            level = old;
        }
    }

    private void addNodes(Command c) {
        int n = Integer.parseInt(c.positional(0));
        long index = c.longArg("index", 0);
        ConfState.Builder cs = ConfState.newBuilder();
        for (String v : c.listArg("voters")) {
            cs.addVoters(Long.parseLong(v));
        }
        for (int i = 0; i < n; i++) {
            long id = nodes.size() + 1;
            MemoryStorage storage = new MemoryStorage();
            if (index > 0) {
                if (index <= 1) {
                    throw new IllegalArgumentException("index must be > 1, as in etcd's harness");
                }
                storage.applySnapshot(Snapshot.newBuilder().setMetadata(SnapshotMetadata.newBuilder()
                        .setIndex(index).setTerm(1).setConfState(cs)).build());
            }
            List<Snapshot> snaps = new ArrayList<>();
            snaps.add(Snapshot.newBuilder().setMetadata(SnapshotMetadata.newBuilder().setIndex(index)
                    .setTerm(index > 0 ? 1 : 0).setConfState(cs)).build());
            history.put(id, snaps);
            RaftConfig config = RaftConfig.builder(id, new LatestSnapshotStorage(storage, snaps))
                    .electionTick(ELECTION_TICK)
                    .heartbeatTick(HEARTBEAT_TICK)
                    .applied(index)
                    .maxSizePerMsg(Long.MAX_VALUE)
                    .maxInflightMsgs((int) c.longArg("inflight", 256))
                    .preVote(c.boolArg("prevote"))
                    .checkQuorum(c.boolArg("checkquorum"))
                    .random(new LongestTimeoutRandom())
                    .pipelineReadies(c.boolArg("async-storage-writes"))
                    .etcdRaftVersion(version)
                    .logger(logger())
                    .build();
            nodes.add(new Node(id, new RawNode(config), storage, c.boolArg("async-storage-writes"), new java.util.ArrayDeque<>()));
            configs.put(id, cs.build());
        }
    }

    /** Cuts a node off: messages to or from it, queued now or later, are dropped until {@code heal}. */
    private void isolate(long id) {
        node(id);
        isolated.add(id);
        messages.removeIf(m -> m.getFrom() == id || m.getTo() == id);
    }

    private void propose(Command c) {
        try {
            node(c.positionalId(0)).raw.propose(ByteString.copyFromUtf8(c.positional(1)));
        } catch (ProposalDroppedException e) {
            println("raft proposal dropped"); // etcd's ErrProposalDropped, whatever RaftLens' reason
        }
    }

    /** etcd's propose-conf-change with v1=true: exactly one change, "v&lt;id&gt;" adds a voter, "r&lt;id&gt;" removes. */
    private void proposeConfChange(Command c, List<String> body) {
        if (!c.boolArg("v1") || body.size() != 1 || body.get(0).trim().split("\\s+").length != 1) {
            throw new IllegalArgumentException("propose-conf-change: only v1=true with one change is supported "
                    + "(Fabric never uses ConfChangeV2)");
        }
        String ch = body.get(0).trim();
        io.raftlens.raft.core.pb.ConfChangeType type = switch (ch.charAt(0)) {
            case 'v' -> io.raftlens.raft.core.pb.ConfChangeType.ConfChangeAddNode;
            case 'r' -> io.raftlens.raft.core.pb.ConfChangeType.ConfChangeRemoveNode;
            default -> throw new IllegalArgumentException("propose-conf-change: unsupported change " + ch);
        };
        try {
            node(c.positionalId(0)).raw.proposeConfChange(ConfChange.newBuilder().setType(type)
                    .setNodeId(Long.parseLong(ch.substring(1))).build());
        } catch (ProposalDroppedException e) {
            println("raft proposal dropped");
        }
    }

    private void raftState() {
        for (Node n : nodes) {
            io.raftlens.raft.core.Status st = n.raw.status();
            ConfState cs = configs.get(n.id());
            String voter = cs.getVotersList().contains(n.id()) ? "(Voter)"
                    : cs.getLearnersList().contains(n.id()) ? "(Learner)" : "(Non-Voter)";
            String state = switch (st.role()) {
                case FOLLOWER -> "StateFollower";
                case CANDIDATE -> "StateCandidate";
                case LEADER -> "StateLeader";
                case PRE_CANDIDATE -> "StatePreCandidate";
            };
            println(n.id() + ": " + state + " " + voter + " Term:" + st.term() + " Lead:" + st.leader());
        }
    }

    /**
     * An async node's ProcessReady: the Ready is taken (its dump printed) and only the messages that vouch for
     * nothing durable (appends, heartbeats, vote requests) leave now, as RaftLoop sends them; storage, the
     * durability-bound responses and Advance wait for {@code process-append-thread}.
     */
    private void takeReady(Node n) {
        Ready rd = n.raw.ready();
        print(Describe.ready(rd, v35()));
        for (Message m : rd.messages()) {
            if (!needsDurability(m) && !isolated.contains(m.getFrom()) && !isolated.contains(m.getTo())) {
                messages.add(m);
            }
        }
        n.appending.add(rd);
    }

    private static boolean needsDurability(Message m) {
        MessageType t = m.getType();
        return t == MessageType.MsgAppResp || t == MessageType.MsgVoteResp || t == MessageType.MsgPreVoteResp;
    }

    private void processAppendThreadCommand(List<Long> ids) {
        for (long id : ids) {
            if (ids.size() > 1) {
                out.append("> ").append(id).append(" processing append thread\n");
                withIndent(() -> processAppendThread(node(id)));
            } else {
                processAppendThread(node(id));
            }
        }
    }

    /**
     * etcd's process-append-thread for RaftLens' pipelined Readys: the oldest Ready taken is written (snapshot,
     * hard state, entries), its durability-bound responses are released, and the node is told it is durable
     * (Advance). etcd delivers that acknowledgement later as a MsgStorageAppendResp (deliver-msgs); RaftLens'
     * Advance is the acknowledgement, so its "ignored entry appends" / "mismatched" lines appear here.
     */
    private void processAppendThread(Node n) {
        Ready rd = n.appending.pollFirst();
        if (rd == null) {
            println("no write in progress");
            return;
        }
        println("Processing:");
        if (rd.hardState() != null) {
            println("HardState " + Describe.hardState(rd.hardState()));
        }
        if (!rd.entries().isEmpty()) {
            print("Entries:\n" + Describe.entries(rd.entries()));
        }
        println("Responses:");
        persistAndApply(n, rd);
        for (Message m : rd.messages()) {
            if (needsDurability(m)) {
                println(Describe.message(m, v35()));
                if (!isolated.contains(m.getFrom()) && !isolated.contains(m.getTo())) {
                    messages.add(m);
                }
            }
        }
        n.raw.advance(rd);
    }

    /** etcd's ProcessReady: persist (snapshot, entries, hard state), apply conf changes, queue messages, advance. */
    private void processReady(long id) {
        Node n = node(id);
        if (n.async) {
            takeReady(n);
            return;
        }
        Ready rd = n.raw.ready();
        print(Describe.ready(rd, v35()));
        persistAndApply(n, rd);
        for (Message m : rd.messages()) {
            if (!isolated.contains(m.getFrom()) && !isolated.contains(m.getTo())) {
                messages.add(m);
            }
        }
        n.raw.advance(rd);
    }

    /** Writes a Ready to the node's storage and applies its committed conf changes (etcd's harness history too). */
    private void persistAndApply(Node n, Ready rd) {
        if (rd.snapshot() != null) {
            n.storage.applySnapshot(rd.snapshot());
        }
        if (!rd.entries().isEmpty()) {
            n.storage.append(rd.entries());
        }
        if (rd.hardState() != null) {
            n.storage.setHardState(rd.hardState());
        }
        if (rd.snapshot() != null) {
            history.get(n.id()).add(rd.snapshot());
            configs.put(n.id(), rd.snapshot().getMetadata().getConfState());
        }
        for (Entry e : rd.committedEntries()) {
            if (e.getType() == EntryType.EntryConfChange) {
                configs.put(n.id(), n.raw.applyConfChange(parseConfChange(e)));
            }
            List<Snapshot> snaps = history.get(n.id());
            Snapshot last = snaps.get(snaps.size() - 1);
            snaps.add(Snapshot.newBuilder().setData(last.getData().concat(e.getType() == EntryType.EntryNormal
                            ? e.getData() : ByteString.EMPTY))
                    .setMetadata(SnapshotMetadata.newBuilder().setIndex(e.getIndex()).setTerm(e.getTerm())
                            .setConfState(configs.get(n.id()))).build());
        }
    }

    /** etcd's deliver-msgs: {@code deliver-msgs 2 3 [drop=4] [type=MsgApp]}; "no messages" when none matched. */
    private void deliverMsgs(Command c) {
        MessageType type = c.arg("type") == null ? null : MessageType.valueOf(c.arg("type"));
        int n = 0;
        for (long id : c.ids()) {
            n += deliver(id, type, false);
        }
        for (String d : c.listArg("drop")) {
            long drop = Long.parseLong(d.trim());
            if (c.ids().contains(drop)) {
                throw new IllegalArgumentException("can't both deliver and drop msgs to " + drop);
            }
            n += deliver(drop, type, true);
        }
        if (n == 0) {
            println("no messages");
        }
    }

    private boolean hasMessagesFor(long id) {
        return messages.stream().anyMatch(m -> m.getTo() == id);
    }

    /**
     * etcd's DeliverMsgs for one recipient: takes, in queue order, the messages to {@code id} (of {@code type}, or
     * all when null), prints each and steps it into the node (or prints it as dropped); returns how many.
     */
    private int deliver(long id, MessageType type, boolean drop) {
        List<Message> mine = new ArrayList<>();
        messages.removeIf(m -> {
            if (m.getTo() == id && !(drop && m.getFrom() == m.getTo()) && (type == null || m.getType() == type)) {
                mine.add(m);
                return true;
            }
            return false;
        });
        for (Message m : mine) {
            println((drop ? "dropped: " : "") + Describe.message(m, v35()));
            if (drop) {
                continue;
            }
            try {
                node(id).raw.step(m);
            } catch (RaftException e) {
                println(e.getMessage());
            }
        }
        return mine.size();
    }

    /** etcd's Stabilize: handle every Ready, then deliver every message, until nothing is left. */
    private void stabilize(List<Long> only) {
        List<Long> ids = only.isEmpty() ? nodes.stream().map(Node::id).toList() : only;
        boolean done = false;
        while (!done) {
            done = true;
            for (long id : ids) {
                if (node(id).raw.hasReady()) {
                    print("> " + id + " handling Ready\n");
                    withIndent(() -> processReady(id));
                    done = false;
                }
                Node n = node(id);
                if (n.async && !n.appending.isEmpty()) {
                    print("> " + id + " processing append thread\n");
                    withIndent(() -> {
                        while (!n.appending.isEmpty()) {
                            processAppendThread(n);
                        }
                    });
                    done = false;
                }
            }
            for (long id : ids) {
                if (hasMessagesFor(id)) {
                    print("> " + id + " receiving messages\n");
                    withIndent(() -> deliver(id, null, false));
                    done = false;
                }
            }
        }
    }

    private void sendSnapshot(long from, long to) {
        node(to);
        List<Snapshot> snaps = history.get(node(from).id());
        Message m = Message.newBuilder().setType(MessageType.MsgSnap).setTerm(node(from).raw.status().term())
                .setFrom(from).setTo(to).setSnapshot(snaps.get(snaps.size() - 1)).build();
        messages.add(m);
        print(Describe.message(m, v35())); // etcd writes it without a newline
    }

    private void compact(long id, long newFirstIndex) {
        node(id).storage.compact(newFirstIndex);
        raftLog(id);
    }

    private void tick(long id, int times) {
        for (int i = 0; i < times; i++) {
            node(id).raw.tick();
        }
    }

    private void raftLog(long id) {
        MemoryStorage s = node(id).storage;
        if (s.lastIndex() < s.firstIndex()) {
            println("log is empty: first index=" + s.firstIndex() + ", last index=" + s.lastIndex());
            return;
        }
        for (Entry e : s.entries(s.firstIndex(), s.lastIndex() + 1, Long.MAX_VALUE)) {
            println(e.getTerm() + "/" + e.getIndex() + " " + e.getType() + " \"" + e.getData().toStringUtf8() + "\"");
        }
    }

    /**
     * The core offers no setter for a node's randomized election timeout (etcd's harness pokes the field); here
     * every draw is the longest timeout, 2·ElectionTick−1, so a script may only ask for that value.
     */
    private void checkTimeout(Command c) {
        long timeout = c.longArg("timeout", -1);
        if (timeout != 2L * ELECTION_TICK - 1) {
            throw new IllegalArgumentException("set-randomized-election-timeout: this harness draws every timeout as "
                    + (2 * ELECTION_TICK - 1) + " ticks and cannot set " + timeout);
        }
        node(c.positionalId(0));
    }

    private Node node(long id) {
        if (id < 1 || id > nodes.size()) {
            throw new IllegalArgumentException("no node " + id + " (add-nodes first)");
        }
        return nodes.get((int) id - 1);
    }

    private RaftLogger logger() {
        return new RaftLogger() {
            @Override public void debug(String line) { log(Level.DEBUG, line); }
            @Override public void info(String line) { log(Level.INFO, line); }
            @Override public void warn(String line) { log(Level.WARN, line); }
            @Override public void error(String line) { log(Level.ERROR, line); }
            @Override public boolean isDebugEnabled() { return level == Level.DEBUG; }
        };
    }

    /**
     * Captures a log line at or above the current level. The {@code raft.node: ...} leader-change lines are kept
     * apart: etcd prints them from its goroutine Node (node.go), which its RawNode harness does not run, whereas
     * this core's RawNode prints them itself (it has no Node layer); they are checked separately.
     */
    private void log(Level at, String line) {
        if (line.startsWith(NODE_PREFIX)) {
            nodeLines.add(line);
            return;
        }
        if (at.compareTo(level) >= 0 && level != Level.NONE) {
            out.append(at.name()).append(' ').append(line).append('\n');
        }
    }

    private static ConfChange parseConfChange(Entry e) {
        try {
            return ConfChange.parseFrom(e.getData());
        } catch (InvalidProtocolBufferException ex) {
            throw new IllegalStateException("conf change entry " + e.getIndex() + " does not parse", ex);
        }
    }

    /** etcd's snapOverrideStorage: a MemoryStorage whose snapshot is always the node's latest history entry. */
    private record LatestSnapshotStorage(MemoryStorage storage, List<Snapshot> snaps) implements io.raftlens.raft.core.Storage {
        @Override
        public io.raftlens.raft.core.InitialState initialState() {
            return storage.initialState();
        }

        @Override
        public List<Entry> entries(long lo, long hi, long maxSize) {
            return storage.entries(lo, hi, maxSize);
        }

        @Override
        public long term(long index) {
            return storage.term(index);
        }

        @Override
        public long lastIndex() {
            return storage.lastIndex();
        }

        @Override
        public long firstIndex() {
            return storage.firstIndex();
        }

        @Override
        public Snapshot snapshot() {
            return snaps.get(snaps.size() - 1);
        }
    }

    /** A parsed command line: name, positional arguments, key=value arguments (values may be "(a,b,c)"). */
    private record Command(String name, List<String> positionals, Map<String, String> args) {

        static Command parse(String line) {
            String[] tokens = line.trim().split("\\s+");
            List<String> positionals = new ArrayList<>();
            Map<String, String> args = new TreeMap<>();
            for (int i = 1; i < tokens.length; i++) {
                int eq = tokens[i].indexOf('=');
                if (eq > 0) {
                    args.put(tokens[i].substring(0, eq), tokens[i].substring(eq + 1));
                } else {
                    positionals.add(tokens[i]);
                }
            }
            return new Command(tokens[0], positionals, args);
        }

        String positional(int i) {
            if (i >= positionals.size()) {
                throw new IllegalArgumentException(name + ": missing argument " + (i + 1));
            }
            return positionals.get(i);
        }

        long positionalId(int i) {
            return Long.parseLong(positional(i));
        }

        List<Long> ids() {
            return positionals.stream().map(Long::parseLong).toList();
        }

        String arg(String key) {
            return args.get(key);
        }

        long longArg(String key, long dflt) {
            String v = args.get(key);
            return v == null ? dflt : Long.parseLong(v);
        }

        boolean boolArg(String key) {
            return Boolean.parseBoolean(args.get(key));
        }

        List<String> listArg(String key) {
            String v = args.get(key);
            if (v == null) {
                return List.of();
            }
            String inner = v.startsWith("(") && v.endsWith(")") ? v.substring(1, v.length() - 1) : v;
            return inner.isEmpty() ? List.of() : List.of(inner.split(","));
        }
    }
}
