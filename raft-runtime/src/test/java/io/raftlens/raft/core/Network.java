package io.raftlens.raft.core;

import com.google.protobuf.ByteString;
import io.raftlens.raft.core.pb.ConfChange;
import io.raftlens.raft.core.pb.ConfState;
import io.raftlens.raft.core.pb.Entry;
import io.raftlens.raft.core.pb.EntryType;
import io.raftlens.raft.core.pb.Message;
import io.raftlens.raft.core.pb.MessageType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An etcd-style in-memory test network: every node is a {@link RawNode} over a {@link MemoryStorage} with a
 * driver that persists each Ready before sending its messages, then applies and advances. Delivery is
 * synchronous and runs until no node has anything left to do. Links can be cut, nodes isolated, message
 * types ignored; {@link #recover()} heals everything.
 */
final class Network {
    /** One node and its driver state. */
    static final class Peer {
        final long id;
        final MemoryStorage storage;
        final RawNode node;
        final RecordingLogger logger;
        final List<Entry> applied = new ArrayList<>();
        /** Every Ready handed out, for assertions on the persist-before-send contract. */
        final List<Ready> readies = new ArrayList<>();

        Peer(long id, MemoryStorage storage, RawNode node, RecordingLogger logger) {
            this.id = id;
            this.storage = storage;
            this.node = node;
            this.logger = logger;
        }

        Raft raft() {
            return node.raft();
        }

        StateRole role() {
            return raft().state;
        }

        long term() {
            return raft().term;
        }

        long committed() {
            return raft().raftLog.committed;
        }

        List<ByteString> appliedData() {
            List<ByteString> out = new ArrayList<>();
            for (Entry e : applied) {
                if (e.getType() == EntryType.EntryNormal && !e.getData().isEmpty()) {
                    out.add(e.getData());
                }
            }
            return out;
        }
    }

    final Map<Long, Peer> peers = new TreeMap<>();
    /** Nodes that swallow every message (etcd's blackHole). */
    private final Set<Long> blackHoles = new HashSet<>();
    private final Set<Long> cutLinks = new HashSet<>();
    private final Set<MessageType> ignored = new HashSet<>();
    private Predicate<Message> dropIf = m -> false;
    private final Deque<Message> inFlight = new ArrayDeque<>();
    /** Every message delivered or dropped, in order. */
    final List<Message> trace = new ArrayList<>();
    final List<String> sharedLog = new ArrayList<>();

    /** A network of fresh nodes that all know the membership {@code ids}, configured by {@code config}. */
    static Network of(Consumer<RaftConfig.Builder> config, long... ids) {
        Network n = new Network();
        ConfState.Builder cs = ConfState.newBuilder();
        for (long id : ids) {
            cs.addVoters(id);
        }
        for (long id : ids) {
            n.add(id, MemoryStorage.withMembers(cs.build()), config);
        }
        return n;
    }

    static Network of(long... ids) {
        return of(c -> { }, ids);
    }

    /** Adds (or replaces, as after a restart) a node over the given storage. */
    Peer add(long id, MemoryStorage storage, Consumer<RaftConfig.Builder> config) {
        RecordingLogger logger = new RecordingLogger(sharedLog);
        RaftConfig.Builder b = RaftConfig.builder(id, storage).electionTick(10).heartbeatTick(1).logger(logger)
                .random(new java.util.SplittableRandom(id));
        config.accept(b);
        Peer p = new Peer(id, storage, new RawNode(b.build()), logger);
        peers.put(id, p);
        return p;
    }

    /** Restarts a node from what its storage persisted (unpersisted state is lost). */
    Peer restart(long id, Consumer<RaftConfig.Builder> config) {
        Peer old = peer(id);
        return add(id, old.storage, config);
    }

    Peer peer(long id) {
        Peer p = peers.get(id);
        if (p == null) {
            throw new IllegalArgumentException("no peer " + id);
        }
        return p;
    }

    Raft raft(long id) {
        return peer(id).raft();
    }

    void blackHole(long id) {
        blackHoles.add(id);
    }

    // ------------------------------------------------------------------ partitions

    void cut(long a, long b) {
        cutLinks.add(link(a, b));
        cutLinks.add(link(b, a));
    }

    /** Cuts every link of {@code id}. */
    void isolate(long id) {
        for (long other : peers.keySet()) {
            if (other != id) {
                cut(id, other);
            }
        }
    }

    void ignore(MessageType t) {
        ignored.add(t);
    }

    /** Drops every message matching the predicate (in addition to other filters). */
    void dropIf(Predicate<Message> p) {
        dropIf = p;
    }

    void recover() {
        cutLinks.clear();
        ignored.clear();
        dropIf = m -> false;
    }

    private static long link(long from, long to) {
        return from * 1_000_003L + to;
    }

    private boolean dropped(Message m) {
        return blackHoles.contains(m.getTo()) || cutLinks.contains(link(m.getFrom(), m.getTo()))
                || ignored.contains(m.getType()) || dropIf.test(m);
    }

    // ------------------------------------------------------------------ driving

    void campaign(long id) {
        peer(id).node.campaign();
        stabilize();
    }

    void tick(long id) {
        peer(id).node.tick();
        stabilize();
    }

    void tick(long id, int times) {
        for (int i = 0; i < times; i++) {
            tick(id);
        }
    }

    /** Ticks every node once, in id order, then delivers. */
    void tickAll() {
        for (Peer p : peers.values()) {
            if (!blackHoles.contains(p.id)) {
                p.node.tick();
            }
        }
        stabilize();
    }

    void propose(long id, String data) {
        peer(id).node.propose(ByteString.copyFromUtf8(data));
        stabilize();
    }

    void proposeConfChange(long id, ConfChange cc) {
        peer(id).node.proposeConfChange(cc);
        stabilize();
    }

    void transferLeader(long at, long to) {
        peer(at).node.transferLeader(to);
        stabilize();
    }

    /** Injects messages as if they arrived from the network, then delivers until quiet. */
    void send(Message... msgs) {
        for (Message m : msgs) {
            inFlight.add(m);
        }
        stabilize();
    }

    /** Runs every node's Ready loop and delivers messages until nothing is left to do. */
    void stabilize() {
        while (true) {
            boolean work = false;
            for (Peer p : peers.values()) {
                if (!blackHoles.contains(p.id) && p.node.hasReady()) {
                    processReady(p);
                    work = true;
                }
            }
            if (inFlight.isEmpty()) {
                if (!work) {
                    return;
                }
                continue;
            }
            while (!inFlight.isEmpty()) {
                Message m = inFlight.poll();
                trace.add(m);
                if (dropped(m)) {
                    continue;
                }
                Peer to = peers.get(m.getTo());
                if (to != null) {
                    to.node.step(m);
                }
            }
        }
    }

    /** The driver contract: persist snapshot, entries and hard state; send; apply; advance. */
    void processReady(Peer p) {
        Ready rd = p.node.ready();
        p.readies.add(rd);
        if (rd.snapshot() != null) {
            p.storage.applySnapshot(rd.snapshot());
        }
        p.storage.append(rd.entries());
        if (rd.hardState() != null) {
            p.storage.setHardState(rd.hardState());
        }
        inFlight.addAll(rd.messages());
        for (Entry e : rd.committedEntries()) {
            p.applied.add(e);
            if (e.getType() == EntryType.EntryConfChange) {
                try {
                    p.node.applyConfChange(ConfChange.parseFrom(e.getData()));
                } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        }
        p.node.advance(rd);
    }

    /** Steps one message into a node and runs its Ready loop, returning what it sends (nothing is delivered). */
    List<Message> stepAndCollect(long id, Message m) {
        peer(id).node.step(m);
        return readMessages(id);
    }

    /** Runs a node's Ready loop until it is idle and returns the messages it wants sent, undelivered. */
    List<Message> readMessages(long id) {
        Peer p = peer(id);
        List<Message> out = new ArrayList<>();
        while (p.node.hasReady()) {
            int before = inFlight.size();
            processReady(p);
            List<Message> sent = new ArrayList<>();
            while (inFlight.size() > before) {
                sent.add(0, inFlight.pollLast());
            }
            out.addAll(sent);
        }
        return out;
    }

    List<Long> leaders() {
        List<Long> out = new ArrayList<>();
        for (Peer p : peers.values()) {
            if (p.role() == StateRole.LEADER) {
                out.add(p.id);
            }
        }
        return out;
    }
}
